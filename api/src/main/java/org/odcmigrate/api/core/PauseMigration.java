package org.odcmigrate.api.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Size;

/** The optional body of {@code POST /api/migrations/{id}/pause}: why, shown in the progress. */
public record PauseMigration(@JsonProperty("reason") @Size(max = 500) String reason) {}
