package org.odcmigrate.api.resources;

import jakarta.ws.rs.core.Response;
import org.odcmigrate.api.problem.ProblemException;

/**
 * Reads numeric query parameters with a 400 that names the parameter; JAX-RS would answer 404 for
 * {@code ?limit=abc}, which sends a client looking for the wrong mistake.
 */
final class QueryParams {

  private QueryParams() {}

  static int integer(String name, String value, int defaultValue, int min, int max) {
    if (value == null || value.isEmpty()) {
      return defaultValue;
    }
    int parsed;
    try {
      parsed = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw invalid(name, min, max);
    }
    if (parsed < min || parsed > max) {
      throw invalid(name, min, max);
    }
    return parsed;
  }

  private static ProblemException invalid(String name, int min, int max) {
    return new ProblemException(
        Response.Status.BAD_REQUEST,
        "invalid-query",
        "query parameter '" + name + "' must be a whole number from " + min + " to " + max);
  }
}
