package org.odcmigrate.copy;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs independent reads a few at a time and gives their answers back in the order given. */
public final class ParallelReads {

  private static final AtomicInteger THREADS = new AtomicInteger();

  private ParallelReads() {}

  /**
   * Each read's answer, in order; at most {@code parallelism} run at once. The first read to fail
   * fails the whole, and the reads not yet started are not started.
   */
  public static <T> List<T> all(List<Callable<T>> reads, int parallelism)
      throws SQLException, IOException {
    int threads = Math.max(1, Math.min(parallelism, reads.size()));
    if (threads == 1) {
      List<T> answers = new ArrayList<>();
      for (Callable<T> read : reads) {
        answers.add(unchecked(read));
      }
      return answers;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "stage-read-" + THREADS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<T>> pending = new ArrayList<>();
      for (Callable<T> read : reads) {
        pending.add(pool.submit(read));
      }
      List<T> answers = new ArrayList<>();
      for (Future<T> answer : pending) {
        answers.add(await(answer));
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The read's answer once it is there; its SQL or I/O failure as such. */
  static <T> T await(Future<T> read) throws SQLException, IOException {
    try {
      return read.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading", e);
    } catch (ExecutionException e) {
      throw rethrown(e.getCause());
    }
  }

  private static <T> T unchecked(Callable<T> read) throws SQLException, IOException {
    try {
      return read.call();
    } catch (SQLException | IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  private static IOException rethrown(Throwable cause) throws SQLException {
    if (cause instanceof SQLException sql) {
      throw sql;
    }
    if (cause instanceof IOException io) {
      return io;
    }
    if (cause instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IOException(cause);
  }
}
