package org.odcmigrate.odc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
    return shorten(name);
  }

  /**
   * The stage names of one scope (the tables of an app, the columns of a table), in the given
   * order: each O11 name's {@link #snake} form, except that a name another one of the scope already
   * took (same letters once case-folded and underscored) gets a short hash of its O11 name. O11's
   * order (by Id) is stable, so the names are too.
   */
  public static List<String> unique(List<String> o11Names) {
    List<String> names = new ArrayList<>(o11Names.size());
    Set<String> taken = new HashSet<>();
    for (String o11Name : o11Names) {
      String name = snake(o11Name);
      if (!taken.add(name)) {
        name = withHash(name, o11Name);
        if (!taken.add(name)) {
          throw new IllegalArgumentException("'" + o11Name + "' names the same stage object as another O11 name"
              + " of its scope, even with its hash: rename one of them in O11");
        }
      }
      names.add(name);
    }
    return names;
  }

  /**
   * A name within PostgreSQL's 63 bytes; a longer one is cut and ends in a hash of the whole
   * name, so two names sharing their first 63 bytes stay apart.
   */
  private static String shorten(String name) {
    return utf8Length(name) <= MAX_IDENTIFIER_BYTES ? name : withHash(name, name);
  }

  private static String withHash(String name, String hashed) {
    String hash = hash(hashed);
    return fit(name, MAX_IDENTIFIER_BYTES - hash.length() - 1) + "_" + hash;
  }

  /** Eight hex digits of the name's SHA-256: short, and the same on every run and machine. */
  private static String hash(String name) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static int utf8Length(String name) {
    return name.getBytes(StandardCharsets.UTF_8).length;
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
