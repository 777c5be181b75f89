package org.odcmigrate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Metadata;
import io.temporal.serviceclient.GrpcMetadataProvider;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Temporal connection options for production: TLS, mutual TLS, API keys, pollers. */
class TemporalConnectionTest {

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  @TempDir Path dir;

  /** The self-signed test certificate and key in src/test/resources/temporal-tls. */
  private static String resource(String name) {
    try {
      return Path.of(TemporalConnectionTest.class.getResource("/temporal-tls/" + name).toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static TemporalConfig config(TemporalConfig.Tls tls, String apiKey) {
    return new TemporalConfig(
        "temporal.example.com:7233", "odc.a1b2c", "data-migration", null, 0, 0, 0, tls, apiKey);
  }

  @Test
  void plainTextWithoutTlsOrKey() {
    WorkflowServiceStubsOptions options = TemporalConnection.options(TemporalConfig.defaults());
    assertThat(options.getEnableHttps()).isFalse();
    assertThat(options.getSslContext()).isNull();
    assertThat(authorization(options)).isNull();
  }

  @Test
  void aMissingClientCertificateFailsNamingTheKeyAndTheFile() {
    Path missing = dir.resolve("client.pem");
    TemporalConfig config =
        config(
            new TemporalConfig.Tls(null, missing.toString(), resource("client.key"), null, null),
            null);
    assertThatThrownBy(() -> TemporalConnection.open(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("temporal.tls.clientCertFile")
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void aMissingKeyOrCaFileFailsNamingTheKeyAndTheFile() {
    Path missingKey = dir.resolve("client.key");
    assertThatThrownBy(
            () ->
                TemporalConnection.open(
                    config(
                        new TemporalConfig.Tls(
                            null, resource("client.pem"), missingKey.toString(), null, null),
                        null)))
        .hasMessageContaining("temporal.tls.clientKeyFile")
        .hasMessageContaining(missingKey.toString());

    Path missingCa = dir.resolve("ca.pem");
    assertThatThrownBy(
            () ->
                TemporalConnection.open(
                    config(
                        new TemporalConfig.Tls(null, null, null, missingCa.toString(), null),
                        "key")))
        .hasMessageContaining("temporal.tls.caFile")
        .hasMessageContaining(missingCa.toString());

    assertThatThrownBy(
            () ->
                TemporalConnection.open(
                    config(
                        new TemporalConfig.Tls(
                            null, resource("client.pem"), dir.toString(), null, null),
                        null)))
        .hasMessageContaining("temporal.tls.clientKeyFile")
        .hasMessageContaining("is not a readable file");
  }

  @Test
  void aKeyThatIsNotPkcs8PemIsExplained() throws Exception {
    Path key =
        Files.writeString(
            dir.resolve("client.key"),
            "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
    assertThatThrownBy(
            () ->
                TemporalConnection.open(
                    config(
                        new TemporalConfig.Tls(
                            null, resource("client.pem"), key.toString(), null, null),
                        null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("temporal.tls")
        .hasMessageContaining(key.toString())
        .hasMessageContaining("PKCS#8");
  }

  @Test
  void mutualTlsPresentsTheClientCertificateAndTrustsTheGivenCa() {
    TemporalConfig config =
        config(
            new TemporalConfig.Tls(
                null,
                resource("client.pem"),
                resource("client.key"),
                resource("client.pem"),
                "temporal.internal"),
            null);
    WorkflowServiceStubsOptions options = TemporalConnection.options(config);
    assertThat(options.getSslContext()).isNotNull();
    assertThat(options.getSslContext().isClient()).isTrue();
    assertThat(options.getChannelInitializer()).as("server name override").isNotNull();
    // Lazy: opening does not reach the (made-up) server.
    TemporalConnection.open(config).close();
  }

  @Test
  void anApiKeyIsABearerTokenOverTlsAndStaysOutOfLogs() {
    TemporalConfig config = config(null, "  secret-api-key ");
    assertThat(config.tlsEnabled()).isTrue();
    WorkflowServiceStubsOptions options = TemporalConnection.options(config);
    assertThat(options.getEnableHttps()).isTrue();
    assertThat(authorization(options)).isEqualTo("Bearer secret-api-key");
    assertThat(config.toString()).doesNotContain("secret-api-key").contains("apiKey=***");

    TemporalConfig plain =
        config(new TemporalConfig.Tls(false, null, null, null, null), "secret-api-key");
    assertThat(TemporalConnection.options(plain).getEnableHttps())
        .as("TLS turned off explicitly")
        .isFalse();
  }

  @Test
  void defaultsWhenKeysAreLeftOut() {
    TemporalConfig config = new TemporalConfig(null, null, null, null, 0, 0, 0, null, " ");
    assertThat(config.stickyScheduleToStartSeconds()).as("sticky execution stays on").isEqualTo(5);
    assertThat(config.maxConcurrentActivities()).isEqualTo(16);
    assertThat(config.maxConcurrentWorkflowTaskPollers()).isEqualTo(5);
    assertThat(config.maxConcurrentActivityTaskPollers()).isEqualTo(5);
    assertThat(config.apiKey()).isNull();
    assertThat(config.tlsEnabled()).isFalse();
    assertThat(new TemporalConfig("t:7233", "ns", "q", 0, 4).stickyScheduleToStartSeconds())
        .isZero();
  }

  @Test
  void aCertificateNeedsItsKey() {
    assertThat(
            new TemporalConfig.Tls(null, "client.pem", null, null, null).isCertificateWithItsKey())
        .isFalse();
    assertThat(
            new TemporalConfig.Tls(null, null, "client.key", null, null).isCertificateWithItsKey())
        .isFalse();
    assertThat(
            new TemporalConfig.Tls(null, "client.pem", "client.key", null, null)
                .isCertificateWithItsKey())
        .isTrue();
    assertThat(new TemporalConfig.Tls(null, null, null, "ca.pem", null).isCertificateWithItsKey())
        .isTrue();
  }

  private static String authorization(WorkflowServiceStubsOptions options) {
    Collection<GrpcMetadataProvider> providers = options.getGrpcMetadataProviders();
    if (providers == null) {
      return null;
    }
    return providers.stream()
        .map(p -> p.getMetadata().get(AUTHORIZATION))
        .filter(v -> v != null)
        .findFirst()
        .orElse(null);
  }
}
