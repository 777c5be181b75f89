package org.odcmigrate.copy;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A long text encoded to UTF-8 into a temporary file as it is read, checked on the way (no U+0000,
 * no half surrogate pair), so a worker needs no heap for it whatever its length. Binary COPY needs
 * the byte length before the bytes, which only the whole encoding tells.
 */
final class TextSpool implements AutoCloseable {

  /** What a replaced U+0000 becomes: U+FFFD, the replacement character. */
  static final char REPLACEMENT = '\uFFFD';

  private final Path file;
  private final long length;
  private final long replacedNulCharacters;

  private TextSpool(Path file, long length, long replacedNulCharacters) {
    this.file = file;
    this.length = length;
    this.replacedNulCharacters = replacedNulCharacters;
  }

  /**
   * Encodes the whole text; fails naming {@code where} and the position of a character ODC cannot
   * hold.
   */
  static TextSpool of(Reader text, String where) throws IOException {
    return of(text, where, false);
  }

  /**
   * As {@link #of(Reader, String)}, writing U+FFFD for each U+0000 when {@code replaceNul},
   * counted.
   */
  static TextSpool of(Reader text, String where, boolean replaceNul) throws IOException {
    Path file = Files.createTempFile("odc-migrate-text-", ".utf8");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      long[] replaced = new long[1];
      long length = encode(text, out, where, replaceNul ? replaced : null);
      return new TextSpool(file, length, replaced[0]);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  private static long encode(Reader text, OutputStream out, String where, long[] replaced)
      throws IOException {
    char[] chars = new char[1 << 14];
    byte[] utf8 = new byte[chars.length * 3 + 4];
    long position = 0;
    long bytes = 0;
    int pendingHigh = -1;
    for (int n; (n = text.read(chars)) >= 0; ) {
      int k = 0;
      for (int i = 0; i < n; i++, position++) {
        char c = chars[i];
        if (c == 0 && replaced != null) {
          replaced[0]++;
          c = REPLACEMENT;
        }
        if (pendingHigh >= 0) {
          if (!Character.isLowSurrogate(c)) {
            throw DataRejectedException.unpairedSurrogate(
                where, (int) Math.min(position - 1, Integer.MAX_VALUE));
          }
          int codePoint = Character.toCodePoint((char) pendingHigh, c);
          utf8[k++] = (byte) (0xf0 | (codePoint >>> 18));
          utf8[k++] = (byte) (0x80 | ((codePoint >>> 12) & 0x3f));
          utf8[k++] = (byte) (0x80 | ((codePoint >>> 6) & 0x3f));
          utf8[k++] = (byte) (0x80 | (codePoint & 0x3f));
          pendingHigh = -1;
        } else if (c == 0) {
          throw DataRejectedException.nulCharacter(where);
        } else if (c < 0x80) {
          utf8[k++] = (byte) (c);
        } else if (c < 0x800) {
          utf8[k++] = (byte) (0xc0 | (c >>> 6));
          utf8[k++] = (byte) (0x80 | (c & 0x3f));
        } else if (Character.isHighSurrogate(c)) {
          pendingHigh = c;
        } else if (Character.isLowSurrogate(c)) {
          throw DataRejectedException.unpairedSurrogate(
              where, (int) Math.min(position, Integer.MAX_VALUE));
        } else {
          utf8[k++] = (byte) (0xe0 | (c >>> 12));
          utf8[k++] = (byte) (0x80 | ((c >>> 6) & 0x3f));
          utf8[k++] = (byte) (0x80 | (c & 0x3f));
        }
      }
      out.write(utf8, 0, k);
      bytes += k;
    }
    if (pendingHigh >= 0) {
      throw DataRejectedException.unpairedSurrogate(
          where, (int) Math.min(position - 1, Integer.MAX_VALUE));
    }
    return bytes;
  }

  long replacedNulCharacters() {
    return replacedNulCharacters;
  }

  long length() {
    return length;
  }

  InputStream open() throws IOException {
    return Files.newInputStream(file);
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(file);
  }

  /** The index of the first surrogate that is not part of a pair, or -1. */
  static int unpairedSurrogate(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!Character.isSurrogate(c)) {
        continue;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
        continue;
      }
      return i;
    }
    return -1;
  }
}
