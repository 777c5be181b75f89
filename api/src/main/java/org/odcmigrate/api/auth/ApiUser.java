package org.odcmigrate.api.auth;

import java.security.Principal;

/** The caller a bearer token stands for: the token's configured name and role. */
public record ApiUser(String name, String role) implements Principal {

  @Override
  public String getName() {
    return name;
  }
}
