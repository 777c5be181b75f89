package org.odcmigrate.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Driver settings for reading O11's SQL Server in bulk, applied unless the environment's URL sets
 * them itself. {@code sendStringParametersAsUnicode} stays at the driver's default (true): O11's
 * text identifiers are nvarchar, and a key bound as varchar would pass through the server's code
 * page and could miss rows with characters outside it.
 */
final class SqlServerSettings {

  /** Fewer, larger TDS packets for wide rows; adaptive buffering keeps big values streamed. */
  private static final Map<String, String> DEFAULTS =
      Map.of("packetSize", "32767", "responseBuffering", "adaptive");

  private SqlServerSettings() {}

  /** The defaults a SQL Server URL does not set; nothing for other databases. */
  static Map<String, String> missingFrom(String url) {
    Map<String, String> missing = new LinkedHashMap<>();
    if (url == null || !url.toLowerCase(Locale.ROOT).startsWith("jdbc:sqlserver:")) {
      return missing;
    }
    String lower = url.toLowerCase(Locale.ROOT);
    DEFAULTS.forEach(
        (name, value) -> {
          if (!lower.contains(";" + name.toLowerCase(Locale.ROOT) + "=")) {
            missing.put(name, value);
          }
        });
    return missing;
  }
}
