package org.odcmigrate.app;

import io.dropwizard.lifecycle.Managed;

/** Closes a resource when the application stops. */
record Closing(AutoCloseable resource) implements Managed {

  @Override
  public void stop() throws Exception {
    resource.close();
  }
}
