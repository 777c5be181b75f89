package org.odcmigrate.config;

import java.util.Collection;
import java.util.TreeSet;

/** A request named an environment or stage that the configuration does not have. */
public class UnknownNameException extends IllegalArgumentException {

  private final String kind;
  private final String name;

  public UnknownNameException(String kind, String name, Collection<String> known) {
    super(
        "unknown "
            + kind
            + " '"
            + name
            + "': configured "
            + kind
            + "s are "
            + new TreeSet<>(known));
    this.kind = kind;
    this.name = name;
  }

  public String kind() {
    return kind;
  }

  public String name() {
    return name;
  }
}
