package org.odcmigrate.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.odcmigrate.migration.KeyRange;

/** Key ranges cover every id exactly once, even at the ends of the identifier's type. */
class KeyRangeSplitterTest {

  @Test
  void equalSpansOpenAtBothEnds() {
    assertThat(KeyRangeSplitter.spans(1, 1000, 4))
        .containsExactly(
            new KeyRange(0, null, "250"),
            new KeyRange(1, "250", "500"),
            new KeyRange(2, "500", "750"),
            new KeyRange(3, "750", null));
  }

  @Test
  void extremesOfLongDoNotOverflow() {
    List<KeyRange> ranges = KeyRangeSplitter.spans(Long.MIN_VALUE, Long.MAX_VALUE, 16);
    assertThat(ranges).hasSize(16);
    assertIncreasingWithin(ranges, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  @Test
  void idsNearIntegerMaxStayIntegers() {
    List<KeyRange> ranges = KeyRangeSplitter.spans(Integer.MAX_VALUE - 100, Integer.MAX_VALUE, 16);
    assertIncreasingWithin(ranges, Integer.MAX_VALUE - 100, Integer.MAX_VALUE);
    ranges.stream().map(KeyRange::upperInclusive).filter(u -> u != null).forEach(Integer::parseInt);
  }

  @Test
  void fewerDistinctIdsThanRangesGiveFewerRanges() {
    List<KeyRange> ranges = KeyRangeSplitter.spans(10, 12, 16);
    assertThat(ranges)
        .containsExactly(
            new KeyRange(0, null, "10"), new KeyRange(1, "10", "11"), new KeyRange(2, "11", null));
    assertThat(KeyRangeSplitter.spans(5, 5, 8)).containsExactly(new KeyRange(0, null, null));
  }

  private static void assertIncreasingWithin(List<KeyRange> ranges, long min, long max) {
    assertThat(ranges.get(0).lowerExclusive()).isNull();
    assertThat(ranges.get(ranges.size() - 1).upperInclusive()).isNull();
    for (int i = 0; i < ranges.size(); i++) {
      assertThat(ranges.get(i).number()).isEqualTo(i);
      if (i > 0) {
        assertThat(ranges.get(i).lowerExclusive()).isEqualTo(ranges.get(i - 1).upperInclusive());
      }
      String upper = ranges.get(i).upperInclusive();
      if (upper != null) {
        long bound = Long.parseLong(upper);
        assertThat(bound).isBetween(min, max - 1);
        if (i > 0) {
          assertThat(bound).isGreaterThan(Long.parseLong(ranges.get(i).lowerExclusive()));
        }
      }
    }
  }
}
