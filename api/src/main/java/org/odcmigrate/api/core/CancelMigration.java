package org.odcmigrate.api.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Size;

/** The optional body of {@code POST /api/migrations/{id}/cancel}. */
@JsonIgnoreProperties(ignoreUnknown = false)
public record CancelMigration(@JsonProperty("reason") @Size(max = 500) String reason) {}
