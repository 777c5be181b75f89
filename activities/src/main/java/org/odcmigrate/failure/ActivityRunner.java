package org.odcmigrate.failure;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.odcmigrate.config.UnknownNameException;
import org.odcmigrate.copy.DataRejectedException;
import org.odcmigrate.copy.VerificationException;
import org.odcmigrate.migration.FailureTypes;
import org.odcmigrate.plan.PlanRejectedException;

/**
 * Runs the body of an activity: keeps it alive with heartbeats while a long statement runs, and
 * turns our exceptions into Temporal failures that say whether a retry can help (SQL errors as
 * {@link SqlErrors} classifies them).
 */
public final class ActivityRunner {

  private static final ScheduledExecutorService KEEP_ALIVE =
      Executors.newScheduledThreadPool(
          1,
          r -> {
            Thread t = new Thread(r, "activity-keep-alive");
            t.setDaemon(true);
            return t;
          });

  /** Attempts after which an error of no known class is no longer retried. */
  static final int UNKNOWN_ERROR_ATTEMPTS = 10;

  private ActivityRunner() {}

  /** What an activity body gets: a way to publish progress as heartbeat details. */
  @FunctionalInterface
  public interface Body<T> {
    T run(AtomicReference<Object> progress) throws Exception;
  }

  public static <T> T run(Body<T> body) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    AtomicReference<Object> progress = new AtomicReference<>();
    ScheduledFuture<?> keepAlive = keepAlive(context, progress);
    try {
      return body.run(progress);
    } catch (ActivityCompletionException e) {
      throw e; // cancelled or timed out: Temporal already knows
    } catch (Exception e) {
      throw translate(e, context.getInfo().getAttempt());
    } finally {
      if (keepAlive != null) {
        keepAlive.cancel(false);
      }
    }
  }

  public static <T> T call(Callable<T> body) {
    return run(progress -> body.call());
  }

  /** A heartbeat now, with the latest progress: also where a cancel request is noticed. */
  public static void heartbeat(Object details) {
    Activity.getExecutionContext().heartbeat(details);
  }

  private static ScheduledFuture<?> keepAlive(
      ActivityExecutionContext context, AtomicReference<Object> progress) {
    Duration timeout = context.getInfo().getHeartbeatTimeout();
    if (timeout == null || timeout.isZero()) {
      return null;
    }
    long period = Math.max(1_000, timeout.toMillis() / 3);
    return KEEP_ALIVE.scheduleAtFixedRate(
        () -> {
          try {
            context.heartbeat(progress.get());
          } catch (RuntimeException e) {
            // cancellation is seen by the activity thread at its next heartbeat
          }
        },
        period,
        period,
        TimeUnit.MILLISECONDS);
  }

  static RuntimeException translate(Exception e) {
    return translate(e, 1);
  }

  /**
   * The failure for an exception in the given attempt (1 for the first): a retry for what may pass,
   * a non-retryable failure for what the user must fix.
   */
  static RuntimeException translate(Exception e, int attempt) {
    if (e instanceof DataRejectedException) {
      return ApplicationFailure.newNonRetryableFailure(e.getMessage(), FailureTypes.DATA_REJECTED);
    }
    if (e instanceof VerificationException) {
      return ApplicationFailure.newNonRetryableFailure(
          e.getMessage(), FailureTypes.VERIFICATION_FAILED);
    }
    if (e instanceof PlanRejectedException rejected) {
      return ApplicationFailure.newNonRetryableFailure(
          e.getMessage(), FailureTypes.PLAN_REJECTED, rejected.problems());
    }
    if (e instanceof UnknownNameException || e instanceof IllegalArgumentException) {
      return ApplicationFailure.newNonRetryableFailure(
          e.getMessage(), FailureTypes.INVALID_REQUEST);
    }
    Optional<SqlErrors.Rejection> rejected = SqlErrors.find(e).flatMap(SqlErrors::rejection);
    if (rejected.isPresent()) {
      return ApplicationFailure.newNonRetryableFailureWithCause(
          rejected.get().message(), rejected.get().type(), e);
    }
    // An error of no known class (an unknown SQL Server number, an internal error, a defect) may
    // pass, but one that comes back attempt after attempt will not: stop retrying it and say so,
    // rather than keep a migration RUNNING for good.
    if (attempt >= UNKNOWN_ERROR_ATTEMPTS && !SqlErrors.transientFailure(e)) {
      return ApplicationFailure.newNonRetryableFailureWithCause(
          "failed "
              + attempt
              + " times in a row with an error of no known class, so a retry will not help: "
              + chain(e)
              + SqlErrors.find(e).map(sql -> " [SQLState " + sql.getSQLState() + "]").orElse("")
              + ". Fix its cause, then start the migration again",
          FailureTypes.ERROR_REPEATED,
          e);
    }
    // Anything else (a lost connection, a deadlock, a full disk, an error not yet repeated) may
    // pass: retry, and say why with every cause, since pools and drivers often wrap the one that
    // matters.
    return ApplicationFailure.newFailureWithCause(chain(e), e.getClass().getName(), e);
  }

  private static String chain(Throwable e) {
    StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable cause = e.getCause();
        cause != null && cause != cause.getCause();
        cause = cause.getCause()) {
      if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
        message.append(": ").append(cause.getMessage());
      }
    }
    return message.toString();
  }
}
