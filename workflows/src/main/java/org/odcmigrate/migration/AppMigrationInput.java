package org.odcmigrate.migration;

/** The input of one app's child workflow. */
public record AppMigrationInput(MigrationRequest request, AppPlan app) {}
