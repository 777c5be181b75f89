package org.odcmigrate.migration;

import java.util.List;

/**
 * The input of one app's child workflow.
 *
 * @param done results of the entities copied by earlier runs of this child (continue-as-new)
 * @param control the parent's pause and limits when it started this child; null in children started
 *     before live control existed
 */
public record AppMigrationInput(
    MigrationRequest request, AppPlan app, List<EntityResult> done, LiveControlState control) {

  public AppMigrationInput {
    done = done == null ? List.of() : List.copyOf(done);
  }

  public AppMigrationInput(MigrationRequest request, AppPlan app) {
    this(request, app, List.of(), null);
  }
}
