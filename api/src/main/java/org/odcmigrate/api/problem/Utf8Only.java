package org.odcmigrate.api.problem;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;

/**
 * Refuses a body declared in a charset other than UTF-8 with 415: JSON is UTF-8 (RFC 8259), and
 * Jackson guesses the encoding from the bytes, so a declared EBCDIC body would otherwise be read as
 * something its sender did not mean.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 90)
public final class Utf8Only implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) {
    MediaType type;
    try {
      type = request.getMediaType();
    } catch (IllegalArgumentException e) {
      throw new ProblemException(
          Response.Status.UNSUPPORTED_MEDIA_TYPE,
          "unsupported-media-type",
          "the Content-Type header is not a media type: send 'Content-Type: application/json'");
    }
    String charset = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
    if (charset != null && !charset.toUpperCase(Locale.ROOT).replace("-", "").equals("UTF8")) {
      throw new ProblemException(
          Response.Status.UNSUPPORTED_MEDIA_TYPE,
          "unsupported-charset",
          "the body must be JSON in UTF-8, not "
              + charset
              + ": send 'Content-Type: application/json'");
    }
  }
}
