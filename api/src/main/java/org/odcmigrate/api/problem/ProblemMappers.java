package org.odcmigrate.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.dropwizard.jersey.validation.ConstraintMessage;
import io.dropwizard.jersey.validation.JerseyViolationException;
import io.grpc.StatusRuntimeException;
import jakarta.validation.ConstraintViolation;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every error of the API as problem JSON; registered in place of Dropwizard's defaults. */
public final class ProblemMappers {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemMappers.class);

  private ProblemMappers() {}

  public static Object[] all() {
    return new Object[] {
      new ProblemExceptionMapper(),
      new CoreProblemMappers.MigrationNotFoundMapper(),
      new CoreProblemMappers.MigrationConflictMapper(),
      new CoreProblemMappers.StageUnavailableMapper(),
      new CoreProblemMappers.EnvironmentUnavailableMapper(),
      new CoreProblemMappers.DatabaseUnavailableMapper(),
      new CoreProblemMappers.StageRequiredMapper(),
      new CoreProblemMappers.NoControlMapper(),
      new CoreProblemMappers.EnvironmentStartMapper(),
      new CoreProblemMappers.UnknownNameMapper(),
      new CoreProblemMappers.InvalidValueMapper(),
      new CoreProblemMappers.IncrementalRefusedMapper(),
      new CoreProblemMappers.WorkerUnavailableMapper(),
      new JsonMapper(),
      new ViolationMapper(),
      new WebApplicationMapper(),
      new UnreadableBodyMapper(),
      new TemporalUnavailableMapper(),
      new UnexpectedMapper()
    };
  }

  static final class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {
    @Override
    public Response toResponse(ProblemException e) {
      return e.problem().toResponse();
    }
  }

  static final class JsonMapper implements ExceptionMapper<JsonProcessingException> {
    @Override
    public Response toResponse(JsonProcessingException e) {
      String detail;
      if (e instanceof UnrecognizedPropertyException u) {
        detail =
            "unknown field '"
                + u.getPropertyName()
                + "': known fields are "
                + u.getKnownPropertyIds();
      } else if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
        detail =
            String.valueOf(e.getOriginalMessage()).startsWith("Missing required")
                ? "field '" + path(m) + "' is required"
                : "field '" + path(m) + "' must be " + expected(m.getTargetType());
      } else if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
        detail = "field '" + path(m) + "' is wrong: " + e.getOriginalMessage();
      } else {
        detail = "the request body is not valid JSON for this endpoint: " + e.getOriginalMessage();
      }
      return Problem.of(Response.Status.BAD_REQUEST, "invalid-body", detail).toResponse();
    }
  }

  static final class ViolationMapper implements ExceptionMapper<JerseyViolationException> {
    @Override
    public Response toResponse(JerseyViolationException e) {
      if (e.getConstraintViolations().stream()
          .anyMatch(
              v ->
                  v.getInvalidValue() == null
                      && ConstraintMessage.isRequestEntity(v, e.getInvocable()).isPresent())) {
        return Problem.of(
                Response.Status.BAD_REQUEST,
                "invalid-body",
                "the request needs a JSON object as its body (see /api/openapi.json)")
            .toResponse();
      }
      String detail =
          e.getConstraintViolations().stream()
              .map(ProblemMappers::describe)
              .sorted()
              .collect(Collectors.joining("; "));
      // 400 for a wrong path or query parameter, 422 for a well-formed body with wrong values.
      int status = ConstraintMessage.determineStatus(e.getConstraintViolations(), e.getInvocable());
      return Problem.of(status, "invalid-request", detail).toResponse();
    }
  }

  static final class WebApplicationMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      Response original = e.getResponse();
      int status = original.getStatus();
      String allow = original.getHeaderString(HttpHeaders.ALLOW);
      String detail =
          switch (status) {
            case 404 -> "nothing is at this path: the endpoints are listed in /api/openapi.json";
            case 405 ->
                "this path does not take that method"
                    + (allow == null ? "" : "; it takes " + allow);
            case 406 -> "this endpoint answers application/json only";
            case 415 -> "send the body as JSON, with the header 'Content-Type: application/json'";
            default -> e.getMessage();
          };
      Response.ResponseBuilder problem =
          Response.fromResponse(
              new Problem(
                      "/problems/http-" + status,
                      original.getStatusInfo().getReasonPhrase(),
                      status,
                      detail,
                      null)
                  .toResponse());
      if (allow != null) {
        problem.header(HttpHeaders.ALLOW, allow);
      }
      return problem.build();
    }
  }

  /** A body Jersey could not read at all (cut off, wrong encoding): the client's fault. */
  static final class UnreadableBodyMapper implements ExceptionMapper<ProcessingException> {
    @Override
    public Response toResponse(ProcessingException e) {
      if (e.getCause() instanceof ProblemException p) {
        return p.problem().toResponse();
      }
      return Problem.of(
              Response.Status.BAD_REQUEST,
              "invalid-body",
              "the request body cannot be read: send one JSON object encoded in UTF-8")
          .toResponse();
    }
  }

  /** Temporal not answering is an outage to report as such, not an error of ours. */
  static final class TemporalUnavailableMapper implements ExceptionMapper<StatusRuntimeException> {
    @Override
    public Response toResponse(StatusRuntimeException e) {
      LOG.warn("a call to Temporal failed: {}", e.getStatus());
      return Problem.of(
              Response.Status.SERVICE_UNAVAILABLE,
              "temporal-unavailable",
              "the call to Temporal failed ("
                  + e.getStatus().getCode()
                  + "): try again shortly; if it lasts, check the"
                  + " temporal.target setting and the Temporal service")
          .toResponse();
    }
  }

  static final class UnexpectedMapper implements ExceptionMapper<RuntimeException> {
    @Override
    public Response toResponse(RuntimeException e) {
      // The Temporal SDK wraps gRPC failures in its own exceptions: an outage is still an outage.
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof StatusRuntimeException grpc) {
          return new TemporalUnavailableMapper().toResponse(grpc);
        }
      }
      LOG.error("unexpected error answering a request", e);
      return Problem.of(
              Response.Status.INTERNAL_SERVER_ERROR,
              "internal",
              "the server failed to answer; its log has the cause")
          .toResponse();
    }
  }

  private static String expected(Class<?> type) {
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a JSON string";
    }
    if (type != null && (Number.class.isAssignableFrom(type) || type.isPrimitive())) {
      return "a number";
    }
    return "a JSON value of the documented type (see /api/openapi.json)";
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String describe(ConstraintViolation<?> violation) {
    String path = violation.getPropertyPath().toString();
    int dot = path.lastIndexOf('.');
    String field = dot >= 0 ? path.substring(dot + 1) : path;
    return field + " " + violation.getMessage();
  }
}
