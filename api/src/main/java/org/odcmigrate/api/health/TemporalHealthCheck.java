package org.odcmigrate.api.health;

import com.codahale.metrics.health.HealthCheck;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;

/**
 * Asks the Temporal frontend for its system info: the cheapest call every Temporal server (the test
 * server included) answers, so a healthy check means migrations can be started and followed.
 */
public class TemporalHealthCheck extends HealthCheck {

  private final WorkflowServiceStubs service;
  private final String target;
  private final long timeoutMillis;

  public TemporalHealthCheck(WorkflowServiceStubs service, String target, long timeoutMillis) {
    this.service = service;
    this.target = target;
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  protected Result check() {
    try {
      service
          .blockingStub()
          .withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      return Result.healthy("Temporal at %s answers", target);
    } catch (RuntimeException e) {
      return Result.unhealthy("Temporal at %s does not answer: %s", target, e.getMessage());
    }
  }
}
