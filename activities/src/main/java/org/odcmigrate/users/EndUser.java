package org.odcmigrate.users;

/** An O11 end user of the default Users provider, as much of it as ODC keeps. */
public record EndUser(int id, String name, String username, String email, boolean active) {}
