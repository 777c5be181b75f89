package org.odcmigrate.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** DateTimes move from the environment's zone to UTC, except values that are no instant. */
class UtcShiftTest {

  private static final LocalDateTime OPEN_END = LocalDateTime.of(9999, 12, 31, 23, 59, 59);

  @Test
  void aDateTimeMovesToUtcByTheZonesOffsetOnThatDay() {
    UtcShift newYork = new UtcShift(ZoneId.of("America/New_York"));
    assertThat(newYork.of(LocalDateTime.of(2024, 1, 15, 9, 30)))
        .isEqualTo(LocalDateTime.of(2024, 1, 15, 14, 30));
    assertThat(newYork.of(LocalDateTime.of(2024, 7, 15, 9, 30)))
        .isEqualTo(LocalDateTime.of(2024, 7, 15, 13, 30));
    assertThat(new UtcShift(ZoneId.of("Etc/GMT+5")).of(LocalDateTime.of(2024, 7, 15, 9, 30)))
        .isEqualTo(LocalDateTime.of(2024, 7, 15, 14, 30));
  }

  @Test
  void theUnsetValueAndAnOpenEndWestOfUtcStayAsTheyAre() {
    for (String zone : new String[] {"America/New_York", "Etc/GMT+5"}) {
      UtcShift west = new UtcShift(ZoneId.of(zone));
      assertThat(west.of(RowEncoder.O11_NULL_DATE_TIME)).isEqualTo(RowEncoder.O11_NULL_DATE_TIME);
      assertThat(west.of(OPEN_END)).as("not year 10000 in %s", zone).isEqualTo(OPEN_END);
      assertThat(west.of(LocalDateTime.of(9999, 12, 31, 12, 0)))
          .as("still in 9999 after the shift")
          .isEqualTo(LocalDateTime.of(9999, 12, 31, 17, 0));
    }
    assertThat(new UtcShift(ZoneId.of("Asia/Tokyo")).of(OPEN_END))
        .as("east of UTC the open end moves back and stays in 9999")
        .isEqualTo(LocalDateTime.of(9999, 12, 31, 14, 59, 59));
  }
}
