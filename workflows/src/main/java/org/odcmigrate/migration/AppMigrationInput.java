package org.odcmigrate.migration;

import java.util.List;

/**
 * The input of one app's child workflow.
 *
 * @param done results of the entities copied by earlier runs of this child (continue-as-new)
 */
public record AppMigrationInput(MigrationRequest request, AppPlan app, List<EntityResult> done) {

  public AppMigrationInput {
    done = done == null ? List.of() : List.copyOf(done);
  }

  public AppMigrationInput(MigrationRequest request, AppPlan app) {
    this(request, app, List.of());
  }
}
