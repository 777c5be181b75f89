package org.odcmigrate.worker;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.RetryOptions;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every activity attempt this worker runs, per activity type: how long it ran, how long it waited
 * in the task queue, whether it was a retry, how it failed, and how many run right now.
 *
 * <p>Labels travel in the metric name as {@code family{label=value,...}}, which the Prometheus
 * export turns into one labelled family; their values are bounded: activity types are ours, and
 * failure types are our failure types or exception class names.
 */
public final class ActivityMetrics extends WorkerInterceptorBase {

  static final String DURATION = "odc-migrate.activity.duration-seconds";
  static final String SCHEDULE_TO_START = "odc-migrate.activity.schedule-to-start-seconds";
  static final String RETRIES = "odc-migrate.activity.retries";
  static final String FAILURES = "odc-migrate.activity.failures";
  static final String RUNNING = "odc-migrate.activity.running";

  private final MetricRegistry registry;

  public ActivityMetrics(MetricRegistry registry) {
    this.registry = registry;
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new Attempt(next);
  }

  /**
   * A metric name carrying labels: {@code family{label=value,...}} from alternating names and
   * values.
   */
  static String name(String family, String... labels) {
    StringBuilder name = new StringBuilder(family).append('{');
    for (int i = 0; i < labels.length; i += 2) {
      name.append(i == 0 ? "" : ",")
          .append(labels[i])
          .append('=')
          .append(labelValue(labels[i + 1]));
    }
    return name.append('}').toString();
  }

  /** Characters that would break the name's syntax become '_'; long values are cut. */
  private static String labelValue(String value) {
    String safe = value.replaceAll("[^A-Za-z0-9_$.:-]", "_");
    return safe.length() > 100 ? safe.substring(0, 100) : safe;
  }

  private final class Attempt extends ActivityInboundCallsInterceptorBase {

    private ActivityInfo info;

    Attempt(ActivityInboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public void init(ActivityExecutionContext context) {
      info = context.getInfo();
      super.init(context);
    }

    @Override
    public ActivityOutput execute(ActivityInput input) {
      String activity = info.getActivityType();
      if (info.getAttempt() > 1) {
        registry.counter(name(RETRIES, "activity", activity)).inc();
      }
      // Both timestamps come from the Temporal service's clock: no skew with the worker's.
      long queuedMillis = info.getStartedTimestamp() - info.getCurrentAttemptScheduledTimestamp();
      if (info.getCurrentAttemptScheduledTimestamp() > 0 && queuedMillis >= 0) {
        registry
            .timer(name(SCHEDULE_TO_START, "activity", activity))
            .update(queuedMillis, TimeUnit.MILLISECONDS);
      }
      AtomicInteger running =
          registry.gauge(name(RUNNING, "activity", activity), Running::new).count;
      running.incrementAndGet();
      Timer.Context duration = registry.timer(name(DURATION, "activity", activity)).time();
      try {
        return super.execute(input);
      } catch (RuntimeException | Error e) {
        registry
            .counter(
                name(
                    FAILURES,
                    "activity",
                    activity,
                    "type",
                    failureType(e),
                    "retryable",
                    String.valueOf(retryable(e, info.getRetryOptions()))))
            .inc();
        throw e;
      } finally {
        duration.stop();
        running.decrementAndGet();
      }
    }
  }

  /**
   * The ApplicationFailure type without its package: ours ({@code DataRejected}) or an exception's
   * class.
   */
  static String failureType(Throwable e) {
    String type =
        e instanceof ApplicationFailure failure ? failure.getType() : e.getClass().getName();
    return type.substring(type.lastIndexOf('.') + 1);
  }

  /**
   * Whether Temporal may run the activity again after this failure, by the failure and the retry
   * policy.
   */
  static boolean retryable(Throwable e, RetryOptions retry) {
    List<String> doNotRetry =
        retry == null || retry.getDoNotRetry() == null ? List.of() : List.of(retry.getDoNotRetry());
    if (e instanceof ApplicationFailure failure) {
      return !failure.isNonRetryable() && !doNotRetry.contains(failure.getType());
    }
    return !doNotRetry.contains(e.getClass().getName());
  }

  /**
   * Attempts of one activity type running now; kept in the registry, shared by every worker using
   * it.
   */
  private static final class Running implements Gauge<Integer> {

    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Integer getValue() {
      return count.get();
    }
  }
}
