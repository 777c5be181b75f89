package org.odcmigrate.api.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.odcmigrate.api.core.DatabaseUnavailableException;
import org.odcmigrate.api.core.EnvironmentStartException;
import org.odcmigrate.api.core.EnvironmentUnavailableException;
import org.odcmigrate.api.core.IncrementalRefusedException;
import org.odcmigrate.api.core.InvalidValueException;
import org.odcmigrate.api.core.MigrationConflictException;
import org.odcmigrate.api.core.MigrationNotFoundException;
import org.odcmigrate.api.core.NoControlException;
import org.odcmigrate.api.core.StageRequiredException;
import org.odcmigrate.api.core.StageUnavailableException;
import org.odcmigrate.api.core.WorkerUnavailableException;
import org.odcmigrate.config.UnknownNameException;

/**
 * The domain exceptions of the API's core and of the configuration, each as its status and problem
 * type; registered through {@link ProblemMappers#all()}.
 */
final class CoreProblemMappers {

  private CoreProblemMappers() {}

  static final class MigrationNotFoundMapper
      implements ExceptionMapper<MigrationNotFoundException> {
    @Override
    public Response toResponse(MigrationNotFoundException e) {
      return Problem.of(Response.Status.NOT_FOUND, "migration-not-found", e.getMessage())
          .toResponse();
    }
  }

  static final class MigrationConflictMapper
      implements ExceptionMapper<MigrationConflictException> {
    @Override
    public Response toResponse(MigrationConflictException e) {
      return new Problem(
              "/problems/" + e.kind().problem(), "Conflict", 409, e.getMessage(), e.migrationId())
          .toResponse();
    }
  }

  static final class StageUnavailableMapper implements ExceptionMapper<StageUnavailableException> {
    @Override
    public Response toResponse(StageUnavailableException e) {
      return Problem.of(Response.Status.SERVICE_UNAVAILABLE, "stage-unavailable", e.getMessage())
          .toResponse();
    }
  }

  static final class EnvironmentUnavailableMapper
      implements ExceptionMapper<EnvironmentUnavailableException> {
    @Override
    public Response toResponse(EnvironmentUnavailableException e) {
      return Problem.of(
              Response.Status.SERVICE_UNAVAILABLE, "environment-unavailable", e.getMessage())
          .toResponse();
    }
  }

  static final class DatabaseUnavailableMapper
      implements ExceptionMapper<DatabaseUnavailableException> {
    @Override
    public Response toResponse(DatabaseUnavailableException e) {
      return Problem.of(Response.Status.SERVICE_UNAVAILABLE, "database-unavailable", e.getMessage())
          .toResponse();
    }
  }

  static final class StageRequiredMapper implements ExceptionMapper<StageRequiredException> {
    @Override
    public Response toResponse(StageRequiredException e) {
      return Problem.of(Problem.UNPROCESSABLE, "stage-required", e.getMessage()).toResponse();
    }
  }

  static final class NoControlMapper implements ExceptionMapper<NoControlException> {
    @Override
    public Response toResponse(NoControlException e) {
      return Problem.of(Problem.UNPROCESSABLE, "no-control", e.getMessage()).toResponse();
    }
  }

  /** 504 while the start is under way, 502 when the environment's control failed. */
  static final class EnvironmentStartMapper implements ExceptionMapper<EnvironmentStartException> {
    @Override
    public Response toResponse(EnvironmentStartException e) {
      Response.Status status =
          e.kind() == EnvironmentStartException.Kind.PENDING
              ? Response.Status.GATEWAY_TIMEOUT
              : Response.Status.BAD_GATEWAY;
      return Problem.of(status, e.kind().problem(), e.getMessage()).toResponse();
    }
  }

  static final class UnknownNameMapper implements ExceptionMapper<UnknownNameException> {
    @Override
    public Response toResponse(UnknownNameException e) {
      return Problem.of(Problem.UNPROCESSABLE, "unknown-" + e.kind(), e.getMessage()).toResponse();
    }
  }

  static final class InvalidValueMapper implements ExceptionMapper<InvalidValueException> {
    @Override
    public Response toResponse(InvalidValueException e) {
      return Problem.of(Problem.UNPROCESSABLE, "invalid-request", e.getMessage()).toResponse();
    }
  }

  static final class IncrementalRefusedMapper
      implements ExceptionMapper<IncrementalRefusedException> {
    @Override
    public Response toResponse(IncrementalRefusedException e) {
      return Problem.of(Problem.UNPROCESSABLE, "incremental-refused", e.getMessage()).toResponse();
    }
  }

  static final class WorkerUnavailableMapper
      implements ExceptionMapper<WorkerUnavailableException> {
    @Override
    public Response toResponse(WorkerUnavailableException e) {
      return Problem.of(Response.Status.SERVICE_UNAVAILABLE, "worker-unavailable", e.getMessage())
          .toResponse();
    }
  }
}
