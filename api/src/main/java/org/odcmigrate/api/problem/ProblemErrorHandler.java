package org.odcmigrate.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.setup.Environment;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Problem JSON for the errors Jetty answers itself, before a request reaches Jersey: malformed
 * request lines and headers, URIs it refuses (bad percent-encoding, ambiguous segments). Jetty's
 * default is an HTML page, which no API client can read.
 */
public final class ProblemErrorHandler extends ErrorHandler {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Answers errors of the servlet context and, through {@link ServerLevel}, of the server itself.
   */
  public static void install(Environment environment) {
    environment.getApplicationContext().setErrorHandler(new ProblemErrorHandler());
    ServerLevel server = new ServerLevel();
    environment
        .lifecycle()
        .addEventListener(
            new LifeCycle.Listener() {
              @Override
              public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server s) {
                  s.setErrorHandler(
                      server); // replaces Dropwizard's HTML one, set when the server was built
                }
              }
            });
  }

  /**
   * Jetty writes a body only for GET, POST and HEAD by default; a refused PROPFIND deserves one
   * too.
   */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback)
      throws IOException {
    writeProblem(response, code, message, callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE.toString());
    return ByteBuffer.wrap(body(status, reason));
  }

  /** The same answers for requests Jetty rejects before any context sees them. */
  static final class ServerLevel extends org.eclipse.jetty.server.handler.ErrorHandler {

    @Override
    public boolean errorPageForMethod(String method) {
      return true;
    }

    @Override
    protected void generateResponse(
        Request request,
        Response response,
        int code,
        String message,
        Throwable cause,
        Callback callback)
        throws IOException {
      writeProblem(response, code, message, callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
      fields.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE.toString());
      return ByteBuffer.wrap(body(status, reason));
    }
  }

  private static void writeProblem(Response response, int code, String message, Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE.toString());
    response.write(true, ByteBuffer.wrap(body(code, message)), callback);
  }

  private static byte[] body(int code, String message) {
    Status known = Status.fromStatusCode(code);
    String detail =
        code == 405
            ? "this path does not take that method"
            : code == 400
                ? "the request is malformed"
                    + (message == null ? "" : " (" + message + ")")
                    + ": check the path's percent-encoding and the headers"
                : message == null
                    ? (known == null ? "error " + code : known.getReasonPhrase())
                    : message;
    Problem problem =
        new Problem(
            "/problems/http-" + code,
            known == null ? "Error" : known.getReasonPhrase(),
            code,
            detail,
            null);
    try {
      return JSON.writeValueAsBytes(problem);
    } catch (JsonProcessingException e) {
      return ("{\"status\":" + code + "}").getBytes(StandardCharsets.UTF_8);
    }
  }
}
