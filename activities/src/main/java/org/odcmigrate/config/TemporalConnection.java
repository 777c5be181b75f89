package org.odcmigrate.config;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;

/** A connection to the Temporal service named by the configuration, with its workflow client. */
public final class TemporalConnection implements AutoCloseable {

  private final WorkflowServiceStubs service;
  private final WorkflowClient client;

  private TemporalConnection(WorkflowServiceStubs service, String namespace) {
    this.service = service;
    this.client = WorkflowClient.newInstance(service, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
  }

  /** Connects lazily: the process starts even while Temporal is not reachable yet. */
  public static TemporalConnection open(TemporalConfig config) {
    WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(config.target()).build());
    return new TemporalConnection(service, config.namespace());
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
