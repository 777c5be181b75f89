package org.odcmigrate.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket: sends exactly the bytes a test writes (broken URIs, lying headers,
 * odd methods) which an HTTP client library would refuse to send.
 */
final class RawHttp {

  /** What came back: status, headers (lower-case names) and body. */
  record Answer(int status, Map<String, String> headers, String body) {}

  private RawHttp() {}

  static Answer send(int port, byte[] request) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(15_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      try {
        // In pieces: a server that answers a huge body early closes the connection; stop sending
        // then.
        for (int at = 0; at < request.length && in.available() == 0; at += 16_384) {
          out.write(request, at, Math.min(16_384, request.length - at));
          out.flush();
        }
      } catch (IOException e) {
        // the server answered and closed before reading everything: read what it said
      }
      return read(in);
    }
  }

  static byte[] request(String method, String target, Map<String, String> headers, byte[] body) {
    StringBuilder head =
        new StringBuilder(
            method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    if (body != null
        && headers.keySet().stream()
            .noneMatch(
                h ->
                    h.equalsIgnoreCase("Content-Length")
                        || h.equalsIgnoreCase("Transfer-Encoding"))) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (body != null) {
      bytes.writeBytes(body);
    }
    return bytes.toByteArray();
  }

  private static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        received.write(buffer, 0, n);
      }
    } catch (IOException e) {
      if (received.size() == 0) {
        throw e;
      }
      // reset after the answer arrived: keep what was received
    }
    byte[] all = received.toByteArray();
    String text = new String(all, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IOException("no complete answer: '" + text + "'");
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    String body = text.substring(end + 4);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new Answer(status, headers, body);
  }

  private static String dechunk(String chunked) {
    StringBuilder body = new StringBuilder();
    int at = 0;
    while (true) {
      int lineEnd = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
      if (size == 0) {
        return body.toString();
      }
      body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
  }
}
