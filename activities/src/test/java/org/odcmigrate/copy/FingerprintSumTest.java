package org.odcmigrate.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The fingerprint's text, and what a checkpoint written by an earlier row hash resumes to. */
class FingerprintSumTest {

  @Test
  void theTextNamesItsFormatSoAnEarlierVersionsTextNeverEqualsIt() {
    byte[] hash = new byte[32];
    hash[3] = 1;
    hash[4] = (byte) 0xff;
    FingerprintSum sum = FingerprintSum.resume(FingerprintSum.EMPTY);
    sum.add(hash);
    assertThat(FingerprintSum.EMPTY).isEqualTo("v2:0:0:0:0:0");
    assertThat(sum.toString())
        .isEqualTo("v2:1:1:-16777216:0:0")
        .isEqualTo(FingerprintSum.text(1, 1, -16777216, 0, 0));
    // The same numbers as an earlier version wrote them.
    assertThat(sum.toString()).isNotEqualTo("1:1:-16777216:0:0");
    assertThat(FingerprintSum.resume(sum.toString())).hasToString(sum.toString());
  }

  @Test
  void anEarlierFormatsPartialSumIsNotContinued() {
    // Rows already summed with the earlier row hash: the range goes on without a fingerprint.
    assertThat(FingerprintSum.resume("14:5:-3:7:9")).isNull();
    // Nothing summed yet: nothing to mix, the sum starts afresh in this format.
    assertThat(FingerprintSum.resume("0:0:0:0:0")).hasToString(FingerprintSum.EMPTY);
    assertThat(FingerprintSum.resume(null)).isNull();
    assertThatThrownBy(() -> FingerprintSum.resume("v2:1:2:3"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FingerprintSum.resume("v3:1:2:3:4:5"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FingerprintSum.resume("a:1:2:3:4"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
