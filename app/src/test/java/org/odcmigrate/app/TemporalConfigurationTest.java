package org.odcmigrate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.commons.text.StringSubstitutor;
import org.junit.jupiter.api.Test;
import org.odcmigrate.config.TemporalConfig;

/**
 * The temporal section for production: Temporal Cloud's API key, TLS files, pollers.
 *
 * <p>Tests TemporalConfig as the application's configuration file reads it (substitution, strict
 * keys, validation); named for the section.
 */
class TemporalConfigurationTest {

  private static TemporalConfig parse(String yaml, Map<String, String> environment)
      throws Exception {
    ConfigurationSourceProvider text =
        path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8));
    StringSubstitutor substitutor = new EnvironmentVariableSubstitutor(false);
    substitutor.setVariableResolver(environment::get);
    return new YamlConfigurationFactory<>(
            OdcMigrateConfiguration.class,
            Validators.newValidator(),
            OdcMigrateApplication.configure(Jackson.newObjectMapper()),
            "dw")
        .build(new SubstitutingSourceProvider(text, substitutor), "config.yml")
        .getTemporal();
  }

  @Test
  void temporalCloudWithAnApiKeyFromTheEnvironment() throws Exception {
    TemporalConfig temporal =
        parse(
            """
        temporal:
          target: odc.a1b2c.tmprl.cloud:7233
          namespace: odc.a1b2c
          apiKey: ${TEMPORAL_API_KEY}
          maxConcurrentWorkflowTaskPollers: 3
          maxConcurrentActivityTaskPollers: 6
        """,
            Map.of("TEMPORAL_API_KEY", "key-from-the-environment"));
    assertThat(temporal.apiKey()).isEqualTo("key-from-the-environment");
    assertThat(temporal.tlsEnabled()).isTrue();
    assertThat(temporal.maxConcurrentWorkflowTaskPollers()).isEqualTo(3);
    assertThat(temporal.maxConcurrentActivityTaskPollers()).isEqualTo(6);
    assertThat(temporal.stickyScheduleToStartSeconds())
        .as("left out: sticky execution stays on")
        .isEqualTo(5);
    assertThat(temporal.toString()).doesNotContain("key-from-the-environment");
  }

  @Test
  void mutualTlsFiles() throws Exception {
    TemporalConfig temporal =
        parse(
            """
        temporal:
          target: temporal.internal:7233
          tls:
            clientCertFile: /certs/client.pem
            clientKeyFile: /certs/client.key
            caFile: /certs/ca.pem
            serverName: temporal.internal
        """,
            Map.of());
    assertThat(temporal.tlsEnabled()).isTrue();
    assertThat(temporal.tls().mutual()).isTrue();
    assertThat(temporal.tls().caFile()).isEqualTo("/certs/ca.pem");
  }

  @Test
  void aCertificateWithoutItsKeyIsNamed() {
    assertThatThrownBy(
            () ->
                parse(
                    """
        temporal:
          tls:
            clientCertFile: /certs/client.pem
        """,
                    Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("temporal.tls")
        .hasMessageContaining("clientKeyFile");
  }

  @Test
  void unknownTlsKeysAndBadPollersAreNamed() {
    assertThatThrownBy(
            () ->
                parse(
                    """
        temporal:
          tls:
            certFile: /certs/client.pem
        """,
                    Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("temporal.tls.certFile");
    assertThatThrownBy(
            () ->
                parse(
                    """
        temporal:
          maxConcurrentActivityTaskPollers: -1
        """,
                    Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("temporal.maxConcurrentActivityTaskPollers");
  }
}
