package org.odcmigrate.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * What the worker's CPU did during a profiled run, from its Flight Recorder execution samples: the
 * share of each component (a sample counts for the first frame outside the JDK, so that
 * String.getBytes called by our encoder counts as ours), the hottest methods by self time, and the
 * product's methods by inclusive time.
 */
record JfrSummary(
    int samples,
    Map<String, Integer> components,
    Map<String, Integer> selfMethods,
    Map<String, Integer> ourMethods) {

  static JfrSummary read(Path recording) throws IOException {
    int samples = 0;
    Map<String, Integer> components = new HashMap<>();
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> ours = new HashMap<>();
    try (RecordingFile file = new RecordingFile(recording)) {
      while (file.hasMoreEvents()) {
        RecordedEvent event = file.readEvent();
        if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
          continue;
        }
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
          continue;
        }
        samples++;
        List<RecordedFrame> frames = stack.getFrames();
        self.merge(name(frames.get(0).getMethod()), 1, Integer::sum);
        String component = "JDK only (GC, JIT and idle threads excluded)";
        for (RecordedFrame frame : frames) {
          String type = frame.getMethod().getType().getName();
          if (!isJdk(type)) {
            component = component(type);
            break;
          }
        }
        components.merge(component, 1, Integer::sum);
        Set<String> seen = new HashSet<>();
        for (RecordedFrame frame : frames) {
          String type = frame.getMethod().getType().getName();
          // Lambdas are hidden classes with generated names; the method that holds them is listed
          // anyway.
          if (type.startsWith("org.odcmigrate.")
              && !type.contains("$$Lambda")
              && seen.add(name(frame.getMethod()))) {
            ours.merge(name(frame.getMethod()), 1, Integer::sum);
          }
        }
      }
    }
    return new JfrSummary(samples, top(components, 20), top(self, 15), top(ours, 12));
  }

  private static boolean isJdk(String type) {
    return type.startsWith("java.")
        || type.startsWith("javax.")
        || type.startsWith("jdk.")
        || type.startsWith("sun.")
        || type.startsWith("com.sun.");
  }

  private static String component(String type) {
    if (type.startsWith("org.h2.")) {
      return "H2 JDBC client (reading O11)";
    }
    if (type.startsWith("org.postgresql.")) {
      return "pgjdbc (COPY and queries to the stage)";
    }
    if (type.startsWith("org.odcmigrate.copy.")) {
      return "odc-migrate copy engine (encode, checkpoints)";
    }
    if (type.startsWith("org.odcmigrate.")) {
      return "odc-migrate other (plan, users, catalog, workflows)";
    }
    if (type.startsWith("io.temporal.")
        || type.startsWith("io.grpc.")
        || type.startsWith("io.netty.")
        || type.startsWith("com.google.protobuf.")
        || type.startsWith("io.perfmark.")) {
      return "Temporal SDK and gRPC";
    }
    if (type.startsWith("com.zaxxer.")) {
      return "HikariCP";
    }
    if (type.startsWith("com.fasterxml.")) {
      return "Jackson (payloads)";
    }
    if (type.startsWith("ch.qos.logback.") || type.startsWith("org.slf4j.")) {
      return "logging";
    }
    return "other: " + type.substring(0, Math.max(0, type.lastIndexOf('.')));
  }

  private static String name(RecordedMethod method) {
    String type = method.getType().getName();
    return type.substring(type.lastIndexOf('.') + 1) + "." + method.getName();
  }

  private static Map<String, Integer> top(Map<String, Integer> counts, int limit) {
    Map<String, Integer> result = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(limit)
        .forEach(e -> result.put(e.getKey(), e.getValue()));
    return result;
  }
}
