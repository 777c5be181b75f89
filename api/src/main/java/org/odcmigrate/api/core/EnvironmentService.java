package org.odcmigrate.api.core;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.odcmigrate.config.Connections;
import org.odcmigrate.config.ControlConfig;
import org.odcmigrate.config.TemporalConfig;
import org.odcmigrate.migration.EnvironmentStartWorkflow;
import org.odcmigrate.users.EmailIssue;
import org.odcmigrate.users.EmailValidator;
import org.odcmigrate.users.EndUser;
import org.odcmigrate.users.O11Users;

/** Reads an environment's end users for the email check, and starts a stopped environment again. */
public class EnvironmentService {

  private static final long START_WAIT_SECONDS = 60;

  private final WorkflowClient client;
  private final TemporalConfig temporal;
  private final Connections connections;

  public EnvironmentService(
      WorkflowClient client, TemporalConfig temporal, Connections connections) {
    this.client = client;
    this.temporal = temporal;
    this.connections = connections;
  }

  /** Every end user whose email cannot be an ODC login, so it can be fixed in O11 before a run. */
  public UserValidation validateUsers(String environment) {
    connections.environment(environment);
    try (Connection source = connections.source(environment).getConnection()) {
      List<EndUser> users = O11Users.read(source);
      List<EmailIssue> offenders = EmailValidator.validate(users);
      return new UserValidation(environment, users.size(), offenders);
    } catch (SQLException e) {
      throw new EnvironmentUnavailableException("environment " + environment, e);
    }
  }

  /**
   * Starts the environment through its control, as a workflow (visible in the Temporal UI), and
   * waits for it: a migration never restarts an environment it stopped, this call does.
   */
  public EnvironmentStarted start(String environment) {
    if (connections.environment(environment).control().type() == ControlConfig.Type.NONE) {
      throw new NoControlException(environment);
    }
    String workflowId = EnvironmentStartWorkflow.workflowId(environment);
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            "StartO11Environment",
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(temporal.taskQueue())
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .setStaticSummary("Start O11 environment **" + environment + "** again")
                .build());
    try {
      stub.start(environment);
      stub.getResult(START_WAIT_SECONDS, TimeUnit.SECONDS, Void.class);
      return new EnvironmentStarted(environment, workflowId);
    } catch (TimeoutException e) {
      throw new EnvironmentStartException(
          EnvironmentStartException.Kind.PENDING,
          "environment "
              + environment
              + " is still being started after "
              + START_WAIT_SECONDS
              + " s: follow workflow "
              + workflowId
              + " in the Temporal UI");
    } catch (WorkflowException e) {
      throw new EnvironmentStartException(
          EnvironmentStartException.Kind.FAILED,
          "starting environment "
              + environment
              + " failed: "
              + rootMessage(e)
              + " (workflow "
              + workflowId
              + ")");
    }
  }

  private static String rootMessage(Throwable e) {
    String message = e.getMessage();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        message = t.getMessage();
      }
    }
    return message;
  }
}
