package org.odcmigrate.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odcmigrate.migration.FailureTypes;

/**
 * The activity interceptor counts retries and failures per activity type, in Temporal's test
 * environment.
 */
class ActivityMetricsTest {

  private static final String QUEUE = "activity-metrics";

  @ActivityInterface
  public interface Steps {
    /** Fails on its first attempt, as a lost connection would, and succeeds on the retry. */
    @ActivityMethod(name = "FlakyStep")
    String flaky();

    /** Fails with a failure retrying cannot help. */
    @ActivityMethod(name = "RejectedStep")
    String rejected();
  }

  @WorkflowInterface
  public interface TwoSteps {
    @WorkflowMethod
    String run();
  }

  public static final class TwoStepsImpl implements TwoSteps {

    private final Steps steps =
        Workflow.newActivityStub(
            Steps.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setRetryOptions(
                    RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(1))
                        .setDoNotRetry(FailureTypes.NON_RETRYABLE.toArray(String[]::new))
                        .build())
                .build());

    @Override
    public String run() {
      String first = steps.flaky();
      try {
        return first + ", " + steps.rejected();
      } catch (ActivityFailure e) {
        return first + ", then rejected";
      }
    }
  }

  static final class StepsImpl implements Steps {

    final AtomicInteger flakyCalls = new AtomicInteger();

    @Override
    public String flaky() {
      if (flakyCalls.incrementAndGet() == 1) {
        throw new IllegalStateException("connection lost");
      }
      return "copied";
    }

    @Override
    public String rejected() {
      throw ApplicationFailure.newNonRetryableFailure(
          "a value ODC cannot hold", FailureTypes.DATA_REJECTED);
    }
  }

  private final MetricRegistry registry = new MetricRegistry();
  private TestWorkflowEnvironment environment;

  @BeforeEach
  void start() {
    environment =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(new ActivityMetrics(registry))
                        .build())
                .build());
  }

  @AfterEach
  void stop() {
    environment.close();
  }

  @Test
  void aRetryAndAFailureOfEachKindAreCountedPerActivityType() {
    Worker worker = environment.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(TwoStepsImpl.class);
    StepsImpl steps = new StepsImpl();
    worker.registerActivitiesImplementations(steps);
    environment.start();

    String result =
        environment
            .getWorkflowClient()
            .newWorkflowStub(
                TwoSteps.class, WorkflowOptions.newBuilder().setTaskQueue(QUEUE).build())
            .run();

    assertThat(result).isEqualTo("copied, then rejected");
    assertThat(steps.flakyCalls).hasValue(2);
    assertThat(count(ActivityMetrics.name(ActivityMetrics.RETRIES, "activity", "FlakyStep")))
        .isEqualTo(1);
    assertThat(
            count(
                ActivityMetrics.name(
                    ActivityMetrics.FAILURES,
                    "activity",
                    "FlakyStep",
                    "type",
                    "IllegalStateException",
                    "retryable",
                    "true")))
        .isEqualTo(1);
    assertThat(
            registry
                .timer(ActivityMetrics.name(ActivityMetrics.DURATION, "activity", "FlakyStep"))
                .getCount())
        .as("both attempts timed")
        .isEqualTo(2);
    assertThat(
            registry
                .timer(
                    ActivityMetrics.name(
                        ActivityMetrics.SCHEDULE_TO_START, "activity", "FlakyStep"))
                .getCount())
        .isEqualTo(2);

    assertThat(
            count(
                ActivityMetrics.name(
                    ActivityMetrics.FAILURES,
                    "activity",
                    "RejectedStep",
                    "type",
                    FailureTypes.DATA_REJECTED,
                    "retryable",
                    "false")))
        .isEqualTo(1);
    assertThat(
            registry
                .timer(ActivityMetrics.name(ActivityMetrics.DURATION, "activity", "RejectedStep"))
                .getCount())
        .isEqualTo(1);

    assertThat(registry.getCounters().keySet())
        .as("nothing else failed or was retried; RejectedStep ran once")
        .containsExactlyInAnyOrder(
            ActivityMetrics.name(ActivityMetrics.RETRIES, "activity", "FlakyStep"),
            ActivityMetrics.name(
                ActivityMetrics.FAILURES,
                "activity",
                "FlakyStep",
                "type",
                "IllegalStateException",
                "retryable",
                "true"),
            ActivityMetrics.name(
                ActivityMetrics.FAILURES,
                "activity",
                "RejectedStep",
                "type",
                "DataRejected",
                "retryable",
                "false"));
    assertThat(
            registry
                .getGauges()
                .get(ActivityMetrics.name(ActivityMetrics.RUNNING, "activity", "FlakyStep"))
                .getValue())
        .as("no attempt running any more")
        .isEqualTo(0);
  }

  @Test
  void labelsTravelInTheNameWithUnsafeCharactersReplaced() {
    assertThat(
            ActivityMetrics.name(
                "odc-migrate.activity.failures", "activity", "CopyEntityRange", "type", "a,b=c}"))
        .isEqualTo("odc-migrate.activity.failures{activity=CopyEntityRange,type=a_b_c_}");
    assertThat(
            ActivityMetrics.failureType(
                ApplicationFailure.newFailure("lost", "org.postgresql.util.PSQLException")))
        .isEqualTo("PSQLException");
  }

  private long count(String name) {
    return registry.counter(name).getCount();
  }
}
