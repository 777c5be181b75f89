package org.odcmigrate.api.web;

import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;

/**
 * The data migration web page: {@code /} is the page, {@code /ui/*} its scripts and styles, all
 * static files of this jar that talk to the REST API only. Jersey keeps every other path, so
 * unknown ones (under {@code /api} or not) are still answered with problem JSON.
 */
public final class WebPage {

  /** Where the page's files are on the classpath. */
  static final String RESOURCES = "/odc-migrate-web";

  static final String PAGE_SERVLET = "web-page";
  static final String ASSETS_SERVLET = "web-assets";

  private WebPage() {}

  public static void register(Environment environment) {
    // "" is the servlet mapping of the root path only; Jersey's "/*" keeps everything else.
    environment
        .servlets()
        .addServlet(PAGE_SERVLET, new StaticFiles(RESOURCES + "/index.html", "/"))
        .addMapping("");
    // No index file: /ui/ is no second copy of the page, whose relative links assume it is at /.
    environment
        .servlets()
        .addServlet(ASSETS_SERVLET, new StaticFiles(RESOURCES + "/ui", "/ui/"))
        .addMapping("/ui/*");
    environment
        .servlets()
        .addFilter("web-page-headers", new WebPageHeaders())
        .addMappingForServletNames(
            EnumSet.of(DispatcherType.REQUEST), true, PAGE_SERVLET, ASSETS_SERVLET);
  }
}
