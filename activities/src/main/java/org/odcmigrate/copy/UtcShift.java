package org.odcmigrate.copy;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Moves an O11 DateTime, stored in the environment's zone, to UTC as ODC stores it. O11's unset
 * value is no instant and stays as it is; so does an open-ended value such as 9999-12-31 23:59:59
 * that the shift would carry past year 9999, which ODC's DateTime cannot hold.
 */
final class UtcShift {

  private final ZoneId zone;

  /** The zone's fixed offset ("UTC", "Etc/GMT+1", "+02:00"), or null for a region with rules. */
  private final ZoneOffset fixedOffset;

  UtcShift(ZoneId zone) {
    this.zone = zone;
    // normalized() turns a zone without rules changes, such as ZoneId.of("UTC"), into its offset.
    this.fixedOffset = zone.normalized() instanceof ZoneOffset offset ? offset : null;
  }

  LocalDateTime of(LocalDateTime value) {
    if (ZoneOffset.UTC.equals(fixedOffset) || value.equals(RowEncoder.O11_NULL_DATE_TIME)) {
      return value;
    }
    LocalDateTime utc =
        fixedOffset != null
            // No zone-rules lookup per value.
            ? value.minusSeconds(fixedOffset.getTotalSeconds())
            : value.atZone(zone).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
    return utc.getYear() > LAST_YEAR ? value : utc;
  }

  /** The last year ODC's DateTime holds. */
  private static final int LAST_YEAR = 9999;
}
