package org.odcmigrate.users;

import java.sql.Connection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.odcmigrate.config.Connections;
import org.odcmigrate.failure.ActivityRunner;
import org.odcmigrate.migration.MigrationRequest;
import org.odcmigrate.migration.UserActivities;
import org.odcmigrate.migration.UsersResult;

/** Moves the end users of an environment into the stage's user store. */
public class UserActivitiesImpl implements UserActivities {

  private final Connections connections;

  public UserActivitiesImpl(Connections connections) {
    this.connections = connections;
  }

  @Override
  public UsersResult migrateUsers(MigrationRequest request, List<String> appKeys) {
    return ActivityRunner.call(
        () -> {
          List<EndUser> users;
          List<O11Roles.Assignment> assignments;
          try (Connection source =
              connections.source(request.sourceEnvironment()).getConnection()) {
            users = O11Users.read(source);
            assignments = O11Roles.directAssignments(source);
          }
          // Preparation rejected the run if any user had an unusable email; these are checked again
          // because O11 may have changed since, and an invalid user must never reach the store.
          Set<Integer> invalid = new HashSet<>();
          EmailValidator.validate(users).forEach(issue -> invalid.add(issue.userId()));
          List<EndUser> valid = users.stream().filter(u -> !invalid.contains(u.id())).toList();
          try (Connection stage = connections.stage(request.targetStage()).getConnection()) {
            return UserStore.upsert(
                stage, request.sourceEnvironment(), valid, invalid.size(), assignments, appKeys);
          }
        });
  }
}
