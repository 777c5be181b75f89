package org.odcmigrate.control;

/** Stops and starts an O11 environment's applications. */
public interface EnvironmentControl {

  void stop(String environment) throws Exception;

  void start(String environment) throws Exception;
}
