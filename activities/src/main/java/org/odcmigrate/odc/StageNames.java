package org.odcmigrate.odc;

import java.util.Locale;

/** Our naming of stage schemas, tables and columns: O11 names in snake_case, safe to quote. */
public final class StageNames {

  /**
   * PostgreSQL keeps identifiers to 63 bytes (NAMEDATALEN - 1) and silently cuts longer ones, so
   * a longer name would differ from what the catalog records and from what string comparisons
   * with pg_catalog find.
   */
  static final int MAX_IDENTIFIER_BYTES = 63;

  private static final String RUNTIME_SUFFIX = "_runtime";

  private StageNames() {}

  /** {@code OrderLine} to {@code order_line}, {@code CreatedOn} to {@code created_on}. */
  public static String snake(String o11Name) {
    StringBuilder out = new StringBuilder(o11Name.length() + 8);
    for (int i = 0; i < o11Name.length(); i++) {
      char c = o11Name.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        appendUnderscore(out);
        continue;
      }
      boolean boundary = Character.isUpperCase(c) && i > 0
          && (Character.isLowerCase(o11Name.charAt(i - 1))
              || Character.isDigit(o11Name.charAt(i - 1))
              || (i + 1 < o11Name.length() && Character.isLowerCase(o11Name.charAt(i + 1))
                  && Character.isUpperCase(o11Name.charAt(i - 1))));
      if (boundary) {
        appendUnderscore(out);
      }
      out.append(Character.toLowerCase(c));
    }
    String name = out.toString().replaceAll("^_+|_+$", "");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("'" + o11Name + "' has no letters or digits to name a stage object after");
    }
    return fit(name, MAX_IDENTIFIER_BYTES);
  }

  /** A double-quoted PostgreSQL identifier. */
  public static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  public static String qualified(String schema, String table) {
    return quote(schema) + "." + quote(table);
  }

  public static String runtimeRole(String schema) {
    return fit(schema.toLowerCase(Locale.ROOT), MAX_IDENTIFIER_BYTES - RUNTIME_SUFFIX.length()) + RUNTIME_SUFFIX;
  }

  /** The longest prefix within maxBytes of UTF-8 that ends on a whole character, without trailing underscores. */
  private static String fit(String name, int maxBytes) {
    int bytes = 0;
    int end = 0;
    while (end < name.length()) {
      int codePoint = name.codePointAt(end);
      int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
      if (bytes + size > maxBytes) {
        break;
      }
      bytes += size;
      end += Character.charCount(codePoint);
    }
    return end == name.length() ? name : name.substring(0, end).replaceAll("_+$", "");
  }

  private static void appendUnderscore(StringBuilder out) {
    if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
      out.append('_');
    }
  }
}
