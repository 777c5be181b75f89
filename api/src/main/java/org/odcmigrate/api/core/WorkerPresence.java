package org.odcmigrate.api.core;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.PollerInfo;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whether a worker polls the migrations' task queue: from Temporal's DescribeTaskQueue where the
 * server has it (the test server does not), and from whether the last progress query was answered.
 * Reads use it to answer at once from what is stored instead of waiting on a query nobody takes.
 */
public class WorkerPresence {

  /** A poll older than this is a worker gone: a live one long-polls at least once a minute. */
  static final Duration POLL_FRESH = Duration.ofSeconds(90);

  /** After an unanswered query, reads skip querying this long, so a page of stages stays fast. */
  static final Duration SILENCE_HELD = Duration.ofSeconds(10);

  private static final Duration DESCRIBE_DEADLINE = Duration.ofSeconds(1);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  /**
   * The task queue's workflow pollers as Temporal reports them.
   *
   * @param count pollers seen within {@link #POLL_FRESH}; -1 when the server does not tell
   * @param lastPoll the newest poll of any worker, null when none or unknown
   */
  public record Pollers(int count, Instant lastPoll) {
    public boolean known() {
      return count >= 0;
    }
  }

  private final WorkflowClient client;
  private final String taskQueue;
  private final Clock clock;
  private volatile Instant lastAnswer;
  private volatile Instant silentSince;

  public WorkerPresence(WorkflowClient client, String taskQueue, Clock clock) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.clock = clock;
  }

  public String taskQueue() {
    return taskQueue;
  }

  /** The task queue's pollers now; unknown when the server has no DescribeTaskQueue. */
  public Pollers pollers() {
    List<PollerInfo> pollers;
    try {
      pollers =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .withDeadlineAfter(DESCRIBE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
              .describeTaskQueue(
                  DescribeTaskQueueRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue))
                      .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW)
                      .build())
              .getPollersList();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED
          || e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
        return new Pollers(-1, null);
      }
      throw e;
    }
    Instant now = clock.instant();
    Instant last = null;
    int fresh = 0;
    for (PollerInfo poller : pollers) {
      Instant at =
          Instant.ofEpochSecond(
              poller.getLastAccessTime().getSeconds(), poller.getLastAccessTime().getNanos());
      last = last == null || at.isAfter(last) ? at : last;
      fresh += Duration.between(at, now).compareTo(POLL_FRESH) <= 0 ? 1 : 0;
    }
    return new Pollers(fresh, last);
  }

  /**
   * Why no worker will answer a query now, or empty when one may: the server reports no fresh
   * poller, or a query went unanswered moments ago.
   */
  Optional<String> absence() {
    Instant silent = silentSince;
    if (silent != null && Duration.between(silent, clock.instant()).compareTo(SILENCE_HELD) <= 0) {
      return Optional.of(reason(pollersQuietly()));
    }
    Pollers pollers = pollersQuietly();
    return pollers.count() == 0 ? Optional.of(reason(pollers)) : Optional.empty();
  }

  void answered() {
    lastAnswer = clock.instant();
    silentSince = null;
  }

  /** A query went unanswered; returns why, for the reader. */
  String unanswered() {
    silentSince = clock.instant();
    return reason(pollersQuietly());
  }

  private Pollers pollersQuietly() {
    try {
      return pollers();
    } catch (RuntimeException e) {
      return new Pollers(-1, null);
    }
  }

  private String reason(Pollers pollers) {
    Instant since = pollers.lastPoll() != null ? pollers.lastPoll() : lastAnswer;
    return "no worker is polling task queue "
        + taskQueue
        + (since == null ? "" : " since " + TIME.format(since))
        + ": the figures are the last ones kept, and the migration goes on when a worker is back";
  }
}
