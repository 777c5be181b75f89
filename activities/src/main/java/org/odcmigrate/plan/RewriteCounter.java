package org.odcmigrate.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.odcmigrate.config.ValuePolicy;
import org.odcmigrate.o11.O11Attribute;
import org.odcmigrate.o11.O11Entity;
import org.odcmigrate.o11.O11Model;
import org.odcmigrate.o11.SqlServerDialect;
import org.odcmigrate.plan.CheckReport.Kind;
import org.odcmigrate.plan.CheckReport.Rewrite;
import org.odcmigrate.users.O11Users;

/**
 * Counts, in the O11 table, the values of one entity the copy will write differently from how they
 * are stored: NULLs outside references, U+0000 in text, references to deleted static records, to
 * users of other tenants and to no user at all. The source database counts.
 */
final class RewriteCounter {

  private final Connection source;
  private final O11Model model;
  private final ValuePolicy policy;

  RewriteCounter(Connection source, O11Model model, ValuePolicy policy) {
    this.source = source;
    this.model = model;
    this.policy = policy;
  }

  List<Rewrite> count(EntityPlan plan, O11Entity entity) throws SQLException {
    List<Rewrite> rewrites = new ArrayList<>();
    String table = SqlServerDialect.table(plan.sourceTable());
    for (ColumnPlan column : plan.columns()) {
      String c = SqlServerDialect.quote(column.sourceColumn());
      if (!column.reference()) {
        add(
            rewrites,
            plan,
            column,
            Kind.NULL_VALUE,
            countWhere(table, c + " IS NULL"),
            switch (policy.nullValues()) {
              case DEFAULT -> "the type's default value (" + defaultOf(column.kind()) + ")";
              case KEEP -> "NULL";
              case REJECT -> "refused (migration.nullValues: reject)";
            });
      }
      if (column.kind() == ValueKind.TEXT || column.kind() == ValueKind.LONG_TEXT) {
        add(
            rewrites,
            plan,
            column,
            Kind.NUL_CHARACTER,
            countWhere(table, SqlServerDialect.containsNul(source, column.sourceColumn())),
            policy.nulCharacters() == ValuePolicy.NulCharacters.REPLACE
                ? "U+FFFD for each U+0000"
                : "refused (migration.nulCharacters: reject)");
      }
      if (column.pointsToStatic()) {
        O11Attribute attribute = Assessment.attributeOf(entity, column).orElseThrow();
        add(
            rewrites,
            plan,
            column,
            Kind.DELETED_STATIC_RECORD,
            countWhere(
                table,
                c
                    + " IS NOT NULL AND "
                    + c
                    + " NOT IN (SELECT [Data_Id] FROM [ossys_Entity_Record] WHERE [Is_Active] = 1"
                    + " AND [Entity_SS_Key] = ? AND [Espace_Id] IN (SELECT [Id] FROM [ossys_Espace] WHERE [SS_Key] = ?))",
                attribute.reference().entityKey(),
                attribute.reference().moduleKey()),
            "NULL");
      }
      if (column.pointsToUser()) {
        add(
            rewrites,
            plan,
            column,
            Kind.USER_OF_OTHER_TENANT,
            countWhere(
                table,
                c
                    + " IN (SELECT [Id] FROM [ossys_User] WHERE [Tenant_Id] NOT IN ("
                    + O11Users.USERS_TENANT
                    + "))"),
            "NULL");
        add(
            rewrites,
            plan,
            column,
            Kind.USER_MISSING,
            countWhere(
                table, c + " IS NOT NULL AND " + c + " NOT IN (SELECT [Id] FROM [ossys_User])"),
            "NULL");
      }
    }
    return rewrites;
  }

  private static void add(
      List<Rewrite> rewrites,
      EntityPlan plan,
      ColumnPlan column,
      Kind kind,
      long count,
      String becomes) {
    if (count > 0) {
      rewrites.add(
          new Rewrite(
              plan.ref().appName(),
              plan.ref().entityName(),
              column.attribute(),
              kind,
              count,
              becomes));
    }
  }

  /** The rows of the table that meet the condition (parameters bound in order). */
  private long countWhere(String table, String condition, String... parameters)
      throws SQLException {
    String sql =
        "SELECT " + SqlServerDialect.count(source, "*") + " FROM " + table + " WHERE " + condition;
    try (PreparedStatement ps = source.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setString(i + 1, parameters[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static String defaultOf(ValueKind kind) {
    return switch (kind) {
      case INTEGER, LONG_INTEGER, DECIMAL -> "0";
      case TEXT, LONG_TEXT -> "''";
      case BOOLEAN -> "False";
      case DATE_TIME -> "1900-01-01 00:00:00";
      case DATE -> "1900-01-01";
      case TIME -> "00:00:00";
      case BINARY -> "an empty binary";
      case USER_REFERENCE -> "NULL";
    };
  }
}
