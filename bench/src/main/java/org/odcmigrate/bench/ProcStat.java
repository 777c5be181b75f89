package org.odcmigrate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** CPU time of native processes from Linux's /proc, for the processes no MXBean can see. */
final class ProcStat {

  // USER_HZ is 100 on every Linux the JDK runs on; /proc reports times in these ticks.
  private static final long NANOS_PER_TICK = 10_000_000L;

  private ProcStat() {}

  /**
   * The process's own CPU time, that of its children it has reaped, and that of its children still
   * running: PostgreSQL forks one backend per connection and reaps it at disconnect.
   */
  static long treeCpuNanos(long pid) throws IOException {
    String[] own = fields(pid);
    long ticks = tick(own, 13) + tick(own, 14) + tick(own, 15) + tick(own, 16);
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : (Iterable<Path>) procs::iterator) {
        String name = proc.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String[] f = fields(Long.parseLong(name));
          if (Long.parseLong(f[3]) == pid) {
            ticks += tick(f, 13) + tick(f, 14);
          }
        } catch (IOException | RuntimeException e) {
          // the process ended while we looked: its time is now in the parent's reaped total
        }
      }
    }
    return ticks * NANOS_PER_TICK;
  }

  /**
   * CPU time of this JVM's child processes that have ended: the JVM reaps them, so the kernel adds
   * their time to ours (cutime, cstime). -1 where /proc is missing.
   */
  static long reapedChildrenCpuNanos() {
    try {
      String[] own = fields(ProcessHandle.current().pid());
      return (tick(own, 15) + tick(own, 16)) * NANOS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The fields of /proc/pid/stat, numbered from 0 as in proc(5) minus one. */
  private static String[] fields(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    // The command name is in parentheses and may hold spaces: split after its closing one.
    String rest = stat.substring(stat.lastIndexOf(')') + 2);
    String[] tail = rest.trim().split(" ");
    String[] all = new String[tail.length + 2];
    all[0] = Long.toString(pid);
    all[1] = "comm";
    System.arraycopy(tail, 0, all, 2, tail.length);
    return all;
  }

  private static long tick(String[] fields, int index) {
    return Long.parseLong(fields[index]);
  }
}
