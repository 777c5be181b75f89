package org.odcmigrate.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 7807 problem document: what went wrong and what to do about it.
 *
 * @param type a URI naming the kind of problem
 * @param title a short summary that stays the same for the kind
 * @param detail this occurrence, worded so the user knows what to fix
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String migrationId) {

  public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");

  /** 422: the request is well-formed but names or asks for something that cannot be done. */
  public static final int UNPROCESSABLE = 422;

  public static Problem of(Response.Status status, String kind, String detail) {
    return of(status.getStatusCode(), kind, detail);
  }

  public static Problem of(int status, String kind, String detail) {
    Response.Status known = Response.Status.fromStatusCode(status);
    String title =
        known != null
            ? known.getReasonPhrase()
            : status == UNPROCESSABLE ? "Unprocessable Content" : "Error";
    return new Problem("/problems/" + kind, title, status, detail, null);
  }

  public Response toResponse() {
    return Response.status(status).type(MEDIA_TYPE).entity(this).build();
  }
}
