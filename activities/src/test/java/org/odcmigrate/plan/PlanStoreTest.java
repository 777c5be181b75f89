package org.odcmigrate.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.odcmigrate.fixtures.SampleMigration;
import org.odcmigrate.fixtures.SampleSource;
import org.postgresql.ds.PGSimpleDataSource;

/** The stored plan of a migration, saved again by a second attempt of its preparation. */
class PlanStoreTest {

  @Test
  void attemptsSavingAtOnceLeaveOnePlanAndNeitherFails() throws Exception {
    try (SampleSource source = SampleSource.small()) {
      PGSimpleDataSource stage = EmbeddedStage.newDatabase();
      SampleMigration.convert(source, stage);
      List<EntityPlan> plans = SampleMigration.plan(source, stage).entities();
      ExecutorService attempts = Executors.newFixedThreadPool(4);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> saves = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          saves.add(
              attempts.submit(
                  () -> {
                    start.await();
                    try (Connection connection = stage.getConnection()) {
                      PlanStore.save(connection, "twice-1", plans);
                    }
                    return null;
                  }));
        }
        start.countDown();
        for (Future<?> save : saves) {
          save.get();
        }
      } finally {
        attempts.shutdownNow();
      }
      try (Connection connection = stage.getConnection()) {
        assertThat(PlanStore.all(connection, "twice-1")).containsExactlyInAnyOrderElementsOf(plans);
      }
    }
  }
}
