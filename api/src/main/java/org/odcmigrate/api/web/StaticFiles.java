package org.odcmigrate.api.web;

import io.dropwizard.servlets.assets.AssetServlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Dropwizard's asset servlet, whose missing files are answered with problem JSON like every other
 * error.
 */
final class StaticFiles extends AssetServlet {

  private static final long serialVersionUID = 1L;

  StaticFiles(String resourcePath, String uriPath) {
    super(resourcePath, uriPath, null, StandardCharsets.UTF_8);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    super.doGet(request, response);
    // A file that is not in the jar gets a bare 404 without a body from AssetServlet; the error
    // handler writes one.
    if (response.getStatus() == HttpServletResponse.SC_NOT_FOUND && !response.isCommitted()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }
}
