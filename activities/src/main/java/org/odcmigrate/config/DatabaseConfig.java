package org.odcmigrate.config;

/** How to reach one database; the password never leaves the process that holds it. */
public record DatabaseConfig(String url, String user, String password, int maxConnections) {

  @Override
  public String toString() {
    return "DatabaseConfig[url="
        + url
        + ", user="
        + user
        + ", maxConnections="
        + maxConnections
        + "]";
  }
}
