package org.odcmigrate.odc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Our naming of stage schemas, tables and columns: O11 names in snake_case, always quoted, made
 * distinct with a short hash of the O11 name where snake_case would cut or merge them.
 */
public final class StageNames {

  /**
   * PostgreSQL keeps identifiers to 63 bytes (NAMEDATALEN - 1) and silently cuts longer ones, so a
   * longer name would differ from what the catalog records and from what string comparisons with
   * pg_catalog find.
   */
  static final int MAX_IDENTIFIER_BYTES = 63;

  private static final String RUNTIME_SUFFIX = "_runtime";

  /** Hex digits of the SHA-256 of the full O11 name that tell cut or merged names apart. */
  static final int HASH_LENGTH = 8;

  private StageNames() {}

  /**
   * {@code OrderLine} to {@code order_line}, {@code CreatedOn} to {@code created_on}; a name longer
   * than 63 bytes is cut at a character boundary and ends with the hash of the whole O11 name.
   */
  public static String snake(String o11Name) {
    String name = fullSnake(o11Name);
    return fitsAsIs(name, MAX_IDENTIFIER_BYTES)
        ? name
        : hashed(name, o11Name, MAX_IDENTIFIER_BYTES);
  }

  /**
   * The stage names of O11 names that share one namespace (the modules of an environment, the
   * entities of a module, the attributes of an entity): snake_case, except that names whose
   * snake_case is the same ({@code Customer} and {@code CUSTOMER}, or two long names alike in their
   * first 63 bytes) each end with the hash of their O11 name. The result depends only on the set of
   * names, not on their order. Names that still meet (only two identical O11 names can, or a name
   * written like another's hashed form) are refused, naming both.
   *
   * @param what the namespace, for the error: "attributes of Customer"
   */
  public static Map<String, String> distinct(Collection<String> o11Names, String what) {
    Map<String, Integer> sharing = new HashMap<>();
    for (String o11Name : o11Names) {
      sharing.merge(snake(o11Name), 1, Integer::sum);
    }
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, String> owners = new HashMap<>();
    for (String o11Name : o11Names) {
      String name = snake(o11Name);
      if (sharing.get(name) > 1) {
        name = hashed(fullSnake(o11Name), o11Name, MAX_IDENTIFIER_BYTES);
      }
      String owner = owners.putIfAbsent(name, o11Name);
      if (owner != null) {
        throw new IllegalArgumentException(
            "the "
                + what
                + " '"
                + owner
                + "' and '"
                + o11Name
                + "' both map to stage name "
                + name
                + "; rename one of them in O11");
      }
      names.put(o11Name, name);
    }
    return names;
  }

  /** snake_case without a length limit. */
  private static String fullSnake(String o11Name) {
    StringBuilder out = new StringBuilder(o11Name.length() + 8);
    for (int i = 0; i < o11Name.length(); i++) {
      char c = o11Name.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        appendUnderscore(out);
        continue;
      }
      boolean boundary =
          Character.isUpperCase(c)
              && i > 0
              && (Character.isLowerCase(o11Name.charAt(i - 1))
                  || Character.isDigit(o11Name.charAt(i - 1))
                  || (i + 1 < o11Name.length()
                      && Character.isLowerCase(o11Name.charAt(i + 1))
                      && Character.isUpperCase(o11Name.charAt(i - 1))));
      if (boundary) {
        appendUnderscore(out);
      }
      out.append(Character.toLowerCase(c));
    }
    String name = out.toString().replaceAll("^_+|_+$", "");
    if (name.isEmpty()) {
      throw new IllegalArgumentException(
          "'" + o11Name + "' has no letters or digits to name a stage object after");
    }
    return name;
  }

  /** A double-quoted PostgreSQL identifier. */
  public static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  public static String qualified(String schema, String table) {
    return quote(schema) + "." + quote(table);
  }

  /**
   * The schema's runtime role: {@code <schema>_runtime}, hashed like any name when it would be too
   * long.
   */
  public static String runtimeRole(String schema) {
    String name = schema.toLowerCase(Locale.ROOT);
    int room = MAX_IDENTIFIER_BYTES - RUNTIME_SUFFIX.length();
    return (fitsAsIs(name, room) ? name : hashed(name, schema, room)) + RUNTIME_SUFFIX;
  }

  /**
   * A name derived from stage names ({@code <table>_<column>_fk}), hashed when it would be too
   * long.
   */
  public static String derived(String name) {
    return fitsAsIs(name, MAX_IDENTIFIER_BYTES) ? name : hashed(name, name, MAX_IDENTIFIER_BYTES);
  }

  private static boolean fitsAsIs(String name, int maxBytes) {
    return name.getBytes(StandardCharsets.UTF_8).length <= maxBytes;
  }

  /** The name cut to leave room for {@code _<hash of source>}, within maxBytes. */
  private static String hashed(String name, String source, int maxBytes) {
    return fit(name, maxBytes - HASH_LENGTH - 1) + "_" + hash(source);
  }

  private static String hash(String source) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * The longest prefix within maxBytes of UTF-8 that ends on a whole character, without trailing
   * underscores.
   */
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
