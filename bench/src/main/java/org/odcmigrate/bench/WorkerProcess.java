package org.odcmigrate.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The product's worker ({@code java -jar odc-migrate.jar worker config.yml}) in its own JVM, so
 * that its heap limit is real and its heap figures are its own. The harness reads them over JMX:
 * peak usage of the heap pools, the largest heap left after a collection, GC time and CPU time.
 */
final class WorkerProcess implements AutoCloseable {

  /** Heap and CPU of the worker during one measured run. */
  record Usage(long peakHeapBytes, long maxLiveAfterGcBytes, long gcMillis, long cpuNanos) {}

  private static final String READY_LINE = "Worker polling task queue";

  private final Process process;
  private final Path log;
  private final String maxHeap;
  private JMXConnector jmx;
  private MBeanServerConnection server;
  private final AtomicLong maxLiveAfterGc = new AtomicLong();
  private final NotificationListener gcListener = this::onGc;
  private final List<ObjectName> collectors = new ArrayList<>();
  private long gcMillisAtStart;
  private long cpuAtStart;

  private WorkerProcess(Process process, Path log, String maxHeap) {
    this.process = process;
    this.log = log;
    this.maxHeap = maxHeap;
  }

  /** Starts the worker and waits until it polls the task queue. */
  static WorkerProcess start(Path productJar, Path config, Path log, String maxHeap)
      throws IOException, InterruptedException {
    int jmxPort = Infrastructure.freePort();
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx" + maxHeap,
            // A worker that ran out of heap is broken: end it, so the run reports it instead of
            // hanging.
            "-XX:+ExitOnOutOfMemoryError",
            // H2's client hashes every string it reads for a small cache of repeated values,
            // long texts in full: the O11 stand-in's cost, not the copy's. Off here and in the
            // harness, whose read floor uses the same client.
            "-D" + Benchmark.H2_OBJECT_CACHE + "=false",
            "-Dcom.sun.management.jmxremote.port=" + jmxPort,
            "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
            "-Dcom.sun.management.jmxremote.host=127.0.0.1",
            "-Djava.rmi.server.hostname=127.0.0.1",
            "-Dcom.sun.management.jmxremote.authenticate=false",
            "-Dcom.sun.management.jmxremote.ssl=false",
            "-jar",
            productJar.toString(),
            "worker",
            config.toString());
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    WorkerProcess worker = new WorkerProcess(process, log, maxHeap);
    try {
      worker.awaitReady(Duration.ofSeconds(90));
      worker.connect(jmxPort);
    } catch (IOException | InterruptedException | RuntimeException e) {
      worker.close();
      throw e;
    }
    return worker;
  }

  String maxHeap() {
    return maxHeap;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  /** Why the worker ended: its exit code and the JVM's out-of-memory line when there is one. */
  String exitReason() {
    String reason = "exit code " + process.exitValue();
    try {
      for (String line : Files.readAllLines(log)) {
        if (line.contains("OutOfMemoryError")) {
          return reason + ", " + line.trim();
        }
      }
    } catch (IOException e) {
      // the code alone then
    }
    return reason;
  }

  private void awaitReady(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the worker exited with " + process.exitValue() + " at start; see " + log);
      }
      if (Files.exists(log) && Files.readString(log).contains(READY_LINE)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        "the worker did not poll within " + timeout.toSeconds() + " s; see " + log);
  }

  private void connect(int port) throws IOException {
    jmx =
        JMXConnectorFactory.connect(
            new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi"));
    server = jmx.getMBeanServerConnection();
    for (GarbageCollectorMXBean gc :
        ManagementFactory.getPlatformMXBeans(server, GarbageCollectorMXBean.class)) {
      collectors.add(gc.getObjectName());
    }
  }

  /** Collects garbage, then resets the peaks, so that the run's figures are its own. */
  void beginRun() throws IOException {
    ManagementFactory.newPlatformMXBeanProxy(
            server, ManagementFactory.MEMORY_MXBEAN_NAME, java.lang.management.MemoryMXBean.class)
        .gc();
    for (MemoryPoolMXBean pool : heapPools()) {
      pool.resetPeakUsage();
    }
    maxLiveAfterGc.set(0);
    for (ObjectName collector : collectors) {
      try {
        server.addNotificationListener(collector, gcListener, null, null);
      } catch (javax.management.InstanceNotFoundException e) {
        throw new IOException(e);
      }
    }
    gcMillisAtStart = gcMillis();
    cpuAtStart = cpuNanos();
  }

  Usage endRun() throws IOException {
    long peak = 0;
    for (MemoryPoolMXBean pool : heapPools()) {
      peak += pool.getPeakUsage().getUsed();
    }
    for (ObjectName collector : collectors) {
      try {
        server.removeNotificationListener(collector, gcListener);
      } catch (javax.management.JMException e) {
        // already gone
      }
    }
    return new Usage(
        peak, maxLiveAfterGc.get(), gcMillis() - gcMillisAtStart, cpuNanos() - cpuAtStart);
  }

  /** Usage when the worker is gone (ran out of memory): nothing can be read any more. */
  static Usage unknownUsage() {
    return new Usage(-1, -1, -1, -1);
  }

  private void onGc(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
        notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long live = 0;
    for (Map.Entry<String, MemoryUsage> pool :
        info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (isHeapPool(pool.getKey())) {
        live += pool.getValue().getUsed();
      }
    }
    maxLiveAfterGc.accumulateAndGet(live, Math::max);
  }

  private static boolean isHeapPool(String name) {
    // G1 and the other collectors name their heap pools this way; metaspace and code caches are not
    // heap.
    return name.contains("Eden")
        || name.contains("Survivor")
        || name.contains("Old")
        || name.contains("Tenured");
  }

  private List<MemoryPoolMXBean> heapPools() throws IOException {
    return ManagementFactory.getPlatformMXBeans(server, MemoryPoolMXBean.class).stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .toList();
  }

  private long gcMillis() throws IOException {
    long total = 0;
    for (GarbageCollectorMXBean gc :
        ManagementFactory.getPlatformMXBeans(server, GarbageCollectorMXBean.class)) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  long cpuNanos() throws IOException {
    return ManagementFactory.newPlatformMXBeanProxy(
            server,
            ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME,
            com.sun.management.OperatingSystemMXBean.class)
        .getProcessCpuTime();
  }

  /** Starts a Flight Recorder profile in the worker (no restart, no agent). */
  void startProfile() throws IOException {
    diagnostic("jfrStart", "name=bench", "settings=profile");
  }

  void stopProfile(Path file) throws IOException {
    diagnostic("jfrStop", "name=bench", "filename=" + file.toAbsolutePath());
  }

  private void diagnostic(String operation, String... arguments) throws IOException {
    try {
      server.invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"),
          operation,
          new Object[] {arguments},
          new String[] {String[].class.getName()});
    } catch (javax.management.JMException e) {
      throw new IOException(operation + " failed in the worker: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (jmx != null) {
      try {
        jmx.close();
      } catch (IOException e) {
        // the worker is going away anyway
      }
    }
    // SIGTERM: the worker's shutdown hook stops polling and closes its pools.
    process.destroy();
    try {
      if (!process.waitFor(40, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
