package org.odcmigrate.config;

import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.TrustManagerFactory;

/** A connection to the Temporal service named by the configuration, with its workflow client. */
public final class TemporalConnection implements AutoCloseable {

  private final WorkflowServiceStubs service;
  private final WorkflowClient client;

  private TemporalConnection(WorkflowServiceStubs service, String namespace) {
    this.service = service;
    this.client =
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
  }

  /**
   * Connects lazily: the process starts even while Temporal is not reachable yet. TLS files are
   * read here, so a command with a missing or unreadable one stops at start, naming it.
   */
  public static TemporalConnection open(TemporalConfig config) {
    return new TemporalConnection(
        WorkflowServiceStubs.newServiceStubs(options(config)), config.namespace());
  }

  /**
   * The service stubs' options the configuration asks for; public so that a deployment can be
   * checked without connecting.
   */
  public static WorkflowServiceStubsOptions options(TemporalConfig config) {
    WorkflowServiceStubsOptions.Builder options =
        WorkflowServiceStubsOptions.newBuilder().setTarget(config.target());
    if (config.apiKey() != null) {
      String key = config.apiKey();
      options.addApiKey(() -> key);
    }
    options.setEnableHttps(config.tlsEnabled());
    TemporalConfig.Tls tls = config.tls();
    if (config.tlsEnabled() && tls != null) {
      if (tls.mutual() || tls.caFile() != null) {
        options.setSslContext(sslContext(tls));
      }
      if (tls.serverName() != null) {
        String serverName = tls.serverName();
        options.setChannelInitializer(channel -> channel.overrideAuthority(serverName));
      }
    }
    return options.build();
  }

  /** The client certificate and key for mutual TLS, and the trusted CA when one is given. */
  static SslContext sslContext(TemporalConfig.Tls tls) {
    Path certificate = tls.mutual() ? readable("clientCertFile", tls.clientCertFile()) : null;
    Path key = tls.mutual() ? readable("clientKeyFile", tls.clientKeyFile()) : null;
    Path ca = tls.caFile() == null ? null : readable("caFile", tls.caFile());
    SimpleSslContextBuilder builder;
    if (certificate != null) {
      // In memory: the builder reads its streams only when it builds.
      builder =
          SimpleSslContextBuilder.forPKCS8(
              new ByteArrayInputStream(bytes("clientCertFile", certificate)),
              new ByteArrayInputStream(bytes("clientKeyFile", key)));
    } else {
      builder = SimpleSslContextBuilder.noKeyOrCertChain();
    }
    if (ca != null) {
      builder.setTrustManager(trustManager(ca));
    }
    try {
      return builder.build();
    } catch (IOException | RuntimeException e) {
      // Netty reads the PEM files only here: a key in another format fails at this point.
      throw new IllegalArgumentException(
          "temporal.tls: the client certificate "
              + certificate
              + " and key "
              + key
              + " do not make a TLS context (the key must be PEM PKCS#8, \"BEGIN PRIVATE KEY\"; convert one with"
              + " openssl pkcs8 -topk8 -nocrypt): "
              + e.getMessage(),
          e);
    }
  }

  private static javax.net.ssl.TrustManager trustManager(Path ca) {
    try (InputStream in = Files.newInputStream(ca)) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException(
            "temporal.tls.caFile: " + ca + " holds no PEM certificate");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("ca-" + i++, certificate);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory.getTrustManagers()[0];
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "temporal.tls.caFile: " + ca + " is not a PEM certificate file: " + e.getMessage(), e);
    }
  }

  private static byte[] bytes(String key, Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "temporal.tls." + key + ": cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Path readable(String key, String file) {
    Path path = Path.of(file).toAbsolutePath();
    if (!Files.exists(path)) {
      throw new IllegalArgumentException(
          "temporal.tls." + key + ": file " + path + " does not exist");
    }
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new IllegalArgumentException(
          "temporal.tls." + key + ": file " + path + " is not a readable file");
    }
    return path;
  }

  public WorkflowClient client() {
    return client;
  }

  public WorkflowServiceStubs service() {
    return service;
  }

  @Override
  public void close() {
    service.shutdown();
  }
}
