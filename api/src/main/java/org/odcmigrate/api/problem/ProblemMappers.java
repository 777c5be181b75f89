package org.odcmigrate.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.dropwizard.jersey.validation.JerseyViolationException;
import jakarta.validation.ConstraintViolation;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.stream.Collectors;
import org.odcmigrate.config.UnknownNameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every error of the API as problem JSON; registered in place of Dropwizard's defaults. */
public final class ProblemMappers {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemMappers.class);

  private ProblemMappers() {}

  public static Object[] all() {
    return new Object[] {
      new ProblemExceptionMapper(),
      new UnknownNameMapper(),
      new JsonMapper(),
      new ViolationMapper(),
      new WebApplicationMapper(),
      new UnexpectedMapper()
    };
  }

  static final class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {
    @Override
    public Response toResponse(ProblemException e) {
      return e.problem().toResponse();
    }
  }

  static final class UnknownNameMapper implements ExceptionMapper<UnknownNameException> {
    @Override
    public Response toResponse(UnknownNameException e) {
      return Problem.of(Problem.UNPROCESSABLE, "unknown-" + e.kind(), e.getMessage()).toResponse();
    }
  }

  static final class JsonMapper implements ExceptionMapper<JsonProcessingException> {
    @Override
    public Response toResponse(JsonProcessingException e) {
      String detail = e instanceof UnrecognizedPropertyException u
          ? "unknown field '" + u.getPropertyName() + "': known fields are " + u.getKnownPropertyIds()
          : "the request body is not valid JSON for this endpoint: " + e.getOriginalMessage();
      return Problem.of(Response.Status.BAD_REQUEST, "invalid-body", detail).toResponse();
    }
  }

  static final class ViolationMapper implements ExceptionMapper<JerseyViolationException> {
    @Override
    public Response toResponse(JerseyViolationException e) {
      String detail = e.getConstraintViolations().stream()
          .map(ProblemMappers::describe)
          .sorted()
          .collect(Collectors.joining("; "));
      return Problem.of(Problem.UNPROCESSABLE, "invalid-request", detail).toResponse();
    }
  }

  static final class WebApplicationMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      Response.StatusType status = e.getResponse().getStatusInfo();
      return new Problem("/problems/http-" + status.getStatusCode(), status.getReasonPhrase(), status.getStatusCode(),
          e.getMessage(), null).toResponse();
    }
  }

  static final class UnexpectedMapper implements ExceptionMapper<RuntimeException> {
    @Override
    public Response toResponse(RuntimeException e) {
      LOG.error("unexpected error answering a request", e);
      return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "internal",
          "the server failed to answer; its log has the cause").toResponse();
    }
  }

  private static String describe(ConstraintViolation<?> violation) {
    String path = violation.getPropertyPath().toString();
    int dot = path.lastIndexOf('.');
    String field = dot >= 0 ? path.substring(dot + 1) : path;
    return field + " " + violation.getMessage();
  }
}
