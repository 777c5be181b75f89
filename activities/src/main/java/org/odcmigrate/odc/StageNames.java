package org.odcmigrate.odc;

import java.util.Locale;

/** Our naming of stage schemas, tables and columns: O11 names in snake_case, safe to quote. */
public final class StageNames {

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
    return name.length() > 63 ? name.substring(0, 63) : name;
  }

  /** A double-quoted PostgreSQL identifier. */
  public static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  public static String qualified(String schema, String table) {
    return quote(schema) + "." + quote(table);
  }

  public static String runtimeRole(String schema) {
    return (schema + "_runtime").toLowerCase(Locale.ROOT);
  }

  private static void appendUnderscore(StringBuilder out) {
    if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
      out.append('_');
    }
  }
}
