package org.odcmigrate.api.core;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.odcmigrate.api.problem.Problem;
import org.odcmigrate.api.problem.ProblemException;
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
      throw new ProblemException(
          Response.Status.SERVICE_UNAVAILABLE,
          "environment-unavailable",
          "environment " + environment + " cannot be read: " + e.getMessage());
    }
  }

  /**
   * Starts the environment through its control, as a workflow (visible in the Temporal UI), and
   * waits for it: a migration never restarts an environment it stopped, this call does.
   */
  public EnvironmentStarted start(String environment) {
    if (connections.environment(environment).control().type() == ControlConfig.Type.NONE) {
      throw new ProblemException(
          Problem.of(
              Problem.UNPROCESSABLE,
              "no-control",
              "environment "
                  + environment
                  + " has no control configured (control.type: database or webhook):"
                  + " start it the way it was stopped"));
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
      throw new ProblemException(
          Response.Status.GATEWAY_TIMEOUT,
          "start-pending",
          "environment "
              + environment
              + " is still being started after "
              + START_WAIT_SECONDS
              + " s: follow workflow "
              + workflowId
              + " in the Temporal UI");
    } catch (WorkflowException e) {
      throw new ProblemException(
          Response.Status.BAD_GATEWAY,
          "start-failed",
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
