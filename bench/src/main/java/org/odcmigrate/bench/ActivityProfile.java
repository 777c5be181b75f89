package org.odcmigrate.bench;

import com.google.protobuf.Timestamp;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a migration's time went, read from the workflow histories (the migration's and every app
 * child's): per activity type, how many ran, their summed run time, the wall time during which at
 * least one of them ran, and how long they waited for a worker slot. Needs no change to the
 * product.
 */
record ActivityProfile(
    List<Stats> activities,
    double anyActivitySeconds,
    double workflowSeconds,
    int workflowTasks,
    double workflowTaskSeconds) {

  /** One activity type; longest names the entity of its longest run, when its input has one. */
  record Stats(
      String type,
      int count,
      double runSeconds,
      double busySeconds,
      double queueSeconds,
      double maxSeconds,
      String longest) {}

  private record Interval(long start, long end, String subject) {}

  private static final Pattern APP = Pattern.compile("\"appName\"\\s*:\\s*\"([^\"]*)\"");
  private static final Pattern ENTITY = Pattern.compile("\"entityName\"\\s*:\\s*\"([^\"]*)\"");
  private static final Pattern RANGE = Pattern.compile("\"number\"\\s*:\\s*(\\d+)");

  static ActivityProfile of(WorkflowClient client, String workflowId) {
    List<List<HistoryEvent>> histories = new ArrayList<>();
    List<HistoryEvent> parent = client.fetchHistory(workflowId).getEvents();
    histories.add(parent);
    for (HistoryEvent event : parent) {
      if (event.hasChildWorkflowExecutionStartedEventAttributes()) {
        WorkflowExecution child =
            event.getChildWorkflowExecutionStartedEventAttributes().getWorkflowExecution();
        histories.add(client.fetchHistory(child.getWorkflowId(), child.getRunId()).getEvents());
      }
    }
    Map<String, List<Interval>> runs = new LinkedHashMap<>();
    Map<String, Double> queued = new HashMap<>();
    List<Interval> all = new ArrayList<>();
    int workflowTasks = 0;
    long workflowTaskNanos = 0;
    for (List<HistoryEvent> history : histories) {
      Map<Long, String> types = new HashMap<>();
      Map<Long, String> subjects = new HashMap<>();
      Map<Long, Long> scheduled = new HashMap<>();
      Map<Long, Long> started = new HashMap<>();
      long taskStarted = -1;
      for (HistoryEvent e : history) {
        long time = nanos(e.getEventTime());
        if (e.hasActivityTaskScheduledEventAttributes()) {
          types.put(
              e.getEventId(),
              e.getActivityTaskScheduledEventAttributes().getActivityType().getName());
          subjects.put(
              e.getEventId(),
              subject(e.getActivityTaskScheduledEventAttributes().getInput().getPayloadsList()));
          scheduled.put(e.getEventId(), time);
        } else if (e.hasActivityTaskStartedEventAttributes()) {
          started.put(e.getActivityTaskStartedEventAttributes().getScheduledEventId(), time);
        } else if (e.hasWorkflowTaskStartedEventAttributes()) {
          taskStarted = time;
        } else if (e.hasWorkflowTaskCompletedEventAttributes()
            || e.hasWorkflowTaskFailedEventAttributes()
            || e.hasWorkflowTaskTimedOutEventAttributes()) {
          // One workflow task at a time per execution: it closes the last one started. (The test
          // server leaves startedEventId at 0, so the id cannot pair them.)
          if (taskStarted >= 0) {
            workflowTasks++;
            workflowTaskNanos += time - taskStarted;
            taskStarted = -1;
          }
        } else {
          Long scheduledId = closedActivity(e);
          if (scheduledId != null && started.containsKey(scheduledId)) {
            String type = types.get(scheduledId);
            Interval run = new Interval(started.get(scheduledId), time, subjects.get(scheduledId));
            runs.computeIfAbsent(type, k -> new ArrayList<>()).add(run);
            all.add(run);
            queued.merge(type, (run.start() - scheduled.get(scheduledId)) / 1e9, Double::sum);
          }
        }
      }
    }
    List<Stats> stats = new ArrayList<>();
    runs.forEach(
        (type, intervals) ->
            stats.add(
                new Stats(
                    type,
                    intervals.size(),
                    intervals.stream().mapToLong(i -> i.end() - i.start()).sum() / 1e9,
                    union(intervals) / 1e9,
                    queued.getOrDefault(type, 0.0),
                    intervals.stream().mapToLong(i -> i.end() - i.start()).max().orElse(0) / 1e9,
                    intervals.stream()
                        .max(Comparator.comparingLong(i -> i.end() - i.start()))
                        .map(Interval::subject)
                        .orElse(null))));
    stats.sort(Comparator.comparingDouble(Stats::runSeconds).reversed());
    double workflow =
        (nanos(parent.get(parent.size() - 1).getEventTime()) - nanos(parent.get(0).getEventTime()))
            / 1e9;
    return new ActivityProfile(
        stats, union(all) / 1e9, workflow, workflowTasks, workflowTaskNanos / 1e9);
  }

  /** "App.Entity" (and the key range) of an activity whose arguments name one, else null. */
  private static String subject(List<Payload> payloads) {
    String json = payloads.stream().map(p -> p.getData().toStringUtf8()).reduce("", String::concat);
    Matcher entity = ENTITY.matcher(json);
    Matcher app = APP.matcher(json);
    if (!entity.find() || !app.find()) {
      return null;
    }
    Matcher range = RANGE.matcher(json);
    return app.group(1) + "." + entity.group(1) + (range.find() ? " range " + range.group(1) : "");
  }

  /** The scheduled event id of an activity's closing event, or null for any other event. */
  private static Long closedActivity(HistoryEvent e) {
    if (e.hasActivityTaskCompletedEventAttributes()) {
      return e.getActivityTaskCompletedEventAttributes().getScheduledEventId();
    }
    if (e.hasActivityTaskFailedEventAttributes()) {
      return e.getActivityTaskFailedEventAttributes().getScheduledEventId();
    }
    if (e.hasActivityTaskTimedOutEventAttributes()) {
      return e.getActivityTaskTimedOutEventAttributes().getScheduledEventId();
    }
    if (e.hasActivityTaskCanceledEventAttributes()) {
      return e.getActivityTaskCanceledEventAttributes().getScheduledEventId();
    }
    return null;
  }

  /** Total length of the union of the intervals: wall time during which at least one ran. */
  private static long union(List<Interval> intervals) {
    List<Interval> sorted = new ArrayList<>(intervals);
    sorted.sort(Comparator.comparingLong(Interval::start));
    long total = 0;
    long start = Long.MIN_VALUE;
    long end = Long.MIN_VALUE;
    for (Interval i : sorted) {
      if (i.start() > end) {
        total += end - start;
        start = i.start();
        end = i.end();
      } else {
        end = Math.max(end, i.end());
      }
    }
    return total + (end - start);
  }

  private static long nanos(Timestamp t) {
    return t.getSeconds() * 1_000_000_000L + t.getNanos();
  }
}
