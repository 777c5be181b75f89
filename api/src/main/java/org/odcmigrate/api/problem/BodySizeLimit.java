package org.odcmigrate.api.problem;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies above a limit with 413: at once when the {@code Content-Length} says so,
 * and while reading when the body is chunked or the length lies. A body within the limit is read
 * whole before anything else looks at the request: a request refused later (401, 403, 404, ...) has
 * then been consumed, so Jetty keeps the connection instead of closing it on unread bytes, which
 * resets the socket and can make the client lose the answer.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class BodySizeLimit implements ContainerRequestFilter {

  /** Every body of this API is a small JSON object; 64 KiB leaves ample room. */
  public static final int DEFAULT_LIMIT = 64 * 1024;

  private final int limit;

  public BodySizeLimit(int limit) {
    this.limit = limit;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      long declared;
      try {
        declared = Long.parseLong(length.trim());
      } catch (NumberFormatException e) {
        throw new ProblemException(
            Problem.of(
                400, "invalid-content-length", "Content-Length '" + length + "' is not a number"));
      }
      if (declared > limit) {
        throw tooLarge();
      }
    }
    if (!request.hasEntity()) {
      return;
    }
    try (InputStream body = new Bounded(request.getEntityStream())) {
      request.setEntityStream(new ByteArrayInputStream(body.readAllBytes()));
    } catch (IOException e) {
      throw new ProblemException(
          Problem.of(
              400,
              "invalid-body",
              "the request body could not be read to its end: " + e.getMessage()));
    }
  }

  private ProblemException tooLarge() {
    return new ProblemException(
        Problem.of(
            413,
            "body-too-large",
            "the request body is larger than "
                + limit
                + " bytes: every body of this API is a small JSON object"));
  }

  /** Counts what is read and fails past the limit, so a chunked body cannot grow unbounded. */
  private final class Bounded extends FilterInputStream {

    private long read;

    Bounded(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > limit) {
        throw tooLarge();
      }
    }
  }
}
