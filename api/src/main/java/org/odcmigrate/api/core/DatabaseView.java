package org.odcmigrate.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;

/**
 * Where a configured database is, as the API shows it: the driver kind, host, port and database
 * name only. The rest of a JDBC URL is left out on purpose: its properties can carry a user, a
 * password or other secrets, and they tell a reader nothing they need.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatabaseView(String kind, String host, Integer port, String database) {

  /**
   * Reads the parts of {@code jdbc:<kind>:...} URLs of SQL Server, PostgreSQL and H2; only the kind
   * otherwise.
   */
  public static DatabaseView of(String jdbcUrl) {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
      return new DatabaseView("unknown", null, null, null);
    }
    String rest = jdbcUrl.substring("jdbc:".length());
    int colon = rest.indexOf(':');
    String kind = (colon < 0 ? rest : rest.substring(0, colon)).toLowerCase(Locale.ROOT);
    String target = colon < 0 ? "" : rest.substring(colon + 1);
    return switch (kind) {
      case "sqlserver" -> sqlServer(target);
      case "postgresql" -> hierarchical(kind, target, "?");
      case "h2" -> h2(target);
      default -> new DatabaseView(kind, null, null, null);
    };
  }

  private static DatabaseView sqlServer(String target) {
    String[] parts = target.split(";");
    DatabaseView address =
        address("sqlserver", parts[0].startsWith("//") ? parts[0].substring(2) : parts[0]);
    String database = null;
    for (int i = 1; i < parts.length; i++) {
      String[] pair = parts[i].split("=", 2);
      String key = pair[0].trim().toLowerCase(Locale.ROOT);
      if (pair.length == 2 && (key.equals("databasename") || key.equals("database"))) {
        database = pair[1].trim();
      }
    }
    return new DatabaseView(address.kind(), address.host(), address.port(), database);
  }

  /** {@code //host:port/database?properties}: properties are dropped. */
  private static DatabaseView hierarchical(String kind, String target, String propertiesStart) {
    if (!target.startsWith("//")) {
      return new DatabaseView(kind, null, null, null);
    }
    String path = target.substring(2);
    int props = path.indexOf(propertiesStart);
    if (props >= 0) {
      path = path.substring(0, props);
    }
    int slash = path.indexOf('/');
    DatabaseView address = address(kind, slash < 0 ? path : path.substring(0, slash));
    String database = slash < 0 || slash == path.length() - 1 ? null : path.substring(slash + 1);
    return new DatabaseView(kind, address.host(), address.port(), database);
  }

  private static DatabaseView h2(String target) {
    String withoutSettings = target.split(";", 2)[0];
    if (withoutSettings.startsWith("tcp:") || withoutSettings.startsWith("ssl:")) {
      return hierarchical("h2", withoutSettings.substring(4), ";");
    }
    return new DatabaseView("h2", null, null, withoutSettings);
  }

  /**
   * {@code host[:port]}; anything before an '@' (credentials) is dropped, a second host ignored.
   */
  private static DatabaseView address(String kind, String authority) {
    String hostPort = authority.substring(authority.lastIndexOf('@') + 1).split(",", 2)[0];
    String host = hostPort;
    Integer port = null;
    int colon = hostPort.lastIndexOf(':');
    if (colon > 0 && !hostPort.endsWith("]")) {
      host = hostPort.substring(0, colon);
      try {
        port = Integer.valueOf(hostPort.substring(colon + 1));
      } catch (NumberFormatException e) {
        port = null;
      }
    }
    return new DatabaseView(kind, host.isEmpty() ? null : host, port, null);
  }
}
