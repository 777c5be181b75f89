package org.odcmigrate.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeSet;
import org.odcmigrate.config.ValuePolicy;
import org.odcmigrate.o11.O11Attribute;
import org.odcmigrate.o11.O11Entity;
import org.odcmigrate.o11.O11Metadata;
import org.odcmigrate.o11.O11Model;
import org.odcmigrate.o11.O11Module;
import org.odcmigrate.o11.SqlServerDialect;
import org.odcmigrate.odc.CatalogApp;
import org.odcmigrate.odc.PublishedCheck;
import org.odcmigrate.odc.StageCatalog;
import org.odcmigrate.plan.CheckReport.Kind;
import org.odcmigrate.plan.CheckReport.Rewrite;
import org.odcmigrate.users.EmailValidator;
import org.odcmigrate.users.O11Users;

/**
 * {@code check}: runs the whole preparation of a migration (metadata, plan, data-model check,
 * blockers, emails) and counts the values the copy will rewrite, reading only: neither the O11
 * environment nor the stage is changed.
 */
public final class Assessment {

  /** The migration id the published check compares undeployments with: none of a real run. */
  private static final String NO_MIGRATION = "";

  private final ValuePolicy policy;
  private final long rowsPerSecond;

  public Assessment(ValuePolicy policy, long rowsPerSecond) {
    this.policy = policy;
    this.rowsPerSecond = rowsPerSecond;
  }

  public CheckReport run(String environment, String stageName, Connection source, Connection stage)
      throws SQLException {
    O11Model model = O11Metadata.read(source);
    List<CatalogApp> apps = StageCatalog.isInstalled(stage) ? StageCatalog.apps(stage) : List.of();
    PlanResult plan = new Planner(model, apps).plan();
    List<String> blockers = new ArrayList<>();
    if (apps.isEmpty()) {
      blockers.add(
          "stage " + stageName + " holds no converted app: convert the O11 modules into it first");
    }
    List<String> planned = plan.apps().stream().map(a -> a.appKey()).toList();
    blockers.addAll(
        PublishedCheck.problems(
            stage, apps.stream().filter(a -> planned.contains(a.appKey())).toList(), NO_MIGRATION));
    blockers.addAll(Blockers.find(source, model, plan.entities()));
    List<String> emails =
        EmailValidator.validate(O11Users.read(source)).stream().map(i -> i.describe()).toList();

    List<CheckReport.EntitySize> sizes = new ArrayList<>();
    List<Rewrite> rewrites = new ArrayList<>();
    for (EntityPlan entity : plan.entities()) {
      O11Entity o11 = entityOf(model, entity);
      sizes.add(size(source, entity));
      rewrites.addAll(new RewriteCounter(source, model, policy).count(entity, o11));
    }
    blockers.addAll(refusedByPolicy(rewrites));
    blockers.addAll(KeptNulls.problems(source, stage, plan.entities(), policy));
    long rows = sizes.stream().mapToLong(CheckReport.EntitySize::rows).sum();
    long bytes = sizes.stream().mapToLong(CheckReport.EntitySize::bytes).sum();
    boolean canStart = blockers.isEmpty() && plan.problems().isEmpty() && emails.isEmpty();
    return new CheckReport(
        environment,
        stageName,
        canStart,
        found(model, plan),
        model.derived(),
        modules(model, apps),
        sizes,
        blockers,
        plan.problems(),
        emails,
        rewrites,
        rows,
        bytes,
        rowsPerSecond,
        (rows + rowsPerSecond - 1) / rowsPerSecond);
  }

  /** Values the configured policy refuses stop the copy, so they block its start too. */
  private List<String> refusedByPolicy(List<Rewrite> rewrites) {
    List<String> refused = new ArrayList<>();
    for (Rewrite r : rewrites) {
      if (r.kind() == Kind.NULL_VALUE && policy.nullValues() == ValuePolicy.NullValues.REJECT) {
        refused.add(
            r.app()
                + "."
                + r.entity()
                + "."
                + r.attribute()
                + ": "
                + r.count()
                + " NULL value(s), which"
                + " migration.nullValues: reject refuses: set values in O11 or choose default");
      } else if (r.kind() == Kind.NUL_CHARACTER
          && policy.nulCharacters() == ValuePolicy.NulCharacters.REJECT) {
        refused.add(
            r.app()
                + "."
                + r.entity()
                + "."
                + r.attribute()
                + ": "
                + r.count()
                + " value(s) hold U+0000,"
                + " which PostgreSQL text cannot store: remove it in O11 or set migration.nulCharacters: replace");
      }
    }
    return refused;
  }

  private static List<String> found(O11Model model, PlanResult plan) {
    List<String> found = new ArrayList<>();
    long entities = model.modules().stream().mapToLong(m -> m.entities().size()).sum();
    found.add(
        model.modules().size() + " application module(s) with " + entities + " active entities");
    TreeSet<String> elsewhere = new TreeSet<>();
    model
        .modules()
        .forEach(
            m ->
                m.entities().stream()
                    .filter(e -> e.physicalTable().contains("."))
                    .forEach(
                        e ->
                            elsewhere.add(
                                e.physicalTable().substring(0, e.physicalTable().indexOf('.')))));
    if (!elsewhere.isEmpty()) {
      found.add("entity tables in other database catalogs: " + String.join(", ", elsewhere));
    }
    found.add(
        plan.entities().size()
            + " entities of "
            + plan.apps().size()
            + " converted app(s) to copy");
    return found;
  }

  private static List<CheckReport.ModuleApp> modules(O11Model model, List<CatalogApp> apps) {
    List<CheckReport.ModuleApp> modules = new ArrayList<>();
    for (O11Module module : model.modules()) {
      Optional<CatalogApp> app =
          apps.stream().filter(a -> a.sourceModuleKey().equalsIgnoreCase(module.key())).findFirst();
      modules.add(
          new CheckReport.ModuleApp(
              module.name(),
              module.key(),
              app.map(CatalogApp::name).orElse(null),
              app.map(CatalogApp::schema).orElse(null)));
    }
    return modules;
  }

  /** The O11 entity a plan copies: by the app's source module, not the app's own key. */
  static O11Entity entityOf(O11Model model, EntityPlan plan) {
    return model
        .module(plan.sourceModuleKey())
        .flatMap(
            m ->
                m.entities().stream()
                    .filter(e -> e.key().equalsIgnoreCase(plan.ref().entityKey()))
                    .findFirst())
        .orElseThrow();
  }

  /**
   * Rows, and bytes as SQL Server stores the values: DATALENGTH of texts and binaries, fixed sizes
   * otherwise.
   */
  private static CheckReport.EntitySize size(Connection source, EntityPlan plan)
      throws SQLException {
    StringJoiner select =
        new StringJoiner(", ", "SELECT ", " FROM " + SqlServerDialect.table(plan.sourceTable()));
    select.add(SqlServerDialect.count(source, "*"));
    long fixed = 0;
    int variable = 0;
    for (ColumnPlan column : plan.columns()) {
      switch (column.kind()) {
        case TEXT, LONG_TEXT, BINARY -> {
          select.add(
              "SUM(CAST(COALESCE(DATALENGTH("
                  + SqlServerDialect.quote(column.sourceColumn())
                  + "), 0) AS BIGINT))");
          variable++;
        }
        default -> fixed += fixedBytes(column.kind());
      }
    }
    String sql = select.toString();
    try (PreparedStatement ps = source.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      long rows = rs.getLong(1);
      long bytes = rows * fixed;
      for (int i = 0; i < variable; i++) {
        bytes += rs.getLong(i + 2);
      }
      return new CheckReport.EntitySize(
          plan.ref().appName(), plan.ref().entityName(), plan.sourceTable(), rows, bytes);
    }
  }

  private static long fixedBytes(ValueKind kind) {
    return switch (kind) {
      case INTEGER, USER_REFERENCE -> 4;
      case BOOLEAN -> 1;
      case DECIMAL -> 17;
      default -> 8;
    };
  }

  /** Whether an attribute of the O11 entity is the column of this plan. */
  static Optional<O11Attribute> attributeOf(O11Entity entity, ColumnPlan column) {
    return entity.attributes().stream()
        .filter(a -> a.column().equalsIgnoreCase(column.sourceColumn()))
        .findFirst();
  }
}
