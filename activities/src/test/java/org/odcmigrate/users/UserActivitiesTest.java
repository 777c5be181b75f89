package org.odcmigrate.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odcmigrate.config.Connections;
import org.odcmigrate.config.ValuePolicy;
import org.odcmigrate.fixtures.EmbeddedStage;
import org.odcmigrate.fixtures.SampleMigration;
import org.odcmigrate.fixtures.SampleSource;
import org.odcmigrate.fixtures.TestConnections;
import org.odcmigrate.migration.FailureTypes;
import org.odcmigrate.migration.MigrationOptions;
import org.odcmigrate.migration.MigrationRequest;
import org.odcmigrate.migration.PlanningActivities;
import org.odcmigrate.migration.UserActivities;
import org.odcmigrate.migration.UsersResult;
import org.odcmigrate.plan.PlanningActivitiesImpl;
import org.postgresql.ds.PGSimpleDataSource;

/** The end users phase against a real stage: the store, the map, the roles, re-runs and skips. */
class UserActivitiesTest {

  private TestActivityEnvironment temporal;
  private SampleSource source;
  private PGSimpleDataSource stage;
  private UserActivities users;
  private PlanningActivities planning;
  private List<String> appKeys;

  @BeforeEach
  void setUp() throws SQLException {
    temporal = TestActivityEnvironment.newInstance();
    source = SampleSource.small();
    stage = EmbeddedStage.newDatabase();
    SampleMigration.convert(source, stage);
    Connections connections =
        TestConnections.of(
            "O11", source.url(), "Stage", stage.getUrl(), true, ValuePolicy.defaults());
    temporal.registerActivitiesImplementations(
        new UserActivitiesImpl(connections), new PlanningActivitiesImpl(connections));
    users = temporal.newActivityStub(UserActivities.class);
    planning = temporal.newActivityStub(PlanningActivities.class);
    appKeys =
        stageRows("SELECT app_key FROM odc_catalog.app ORDER BY 1").stream()
            .map(r -> r[0])
            .toList();
  }

  @AfterEach
  void tearDown() {
    temporal.close();
    source.close();
  }

  private static MigrationRequest request(boolean skipInvalid, boolean skipUsers) {
    return new MigrationRequest(
        "m-users",
        "O11",
        "Stage",
        false,
        false,
        skipInvalid,
        skipUsers,
        MigrationOptions.defaults());
  }

  @Test
  void everyUserIsInTheStoreOnceWithTheMapAndTheDirectRolesOfO11() throws SQLException {
    UsersResult result = users.migrateUsers(request(false, false), appKeys);

    Map<String, String> o11 = o11Users();
    assertThat(result.migrated()).isEqualTo(o11.size());
    assertThat(result.created()).isEqualTo(o11.size());
    assertThat(stageUsersByO11Id()).isEqualTo(o11);
    assertThat(stageRoles()).isEqualTo(o11DirectRoles()).isNotEmpty();
    assertThat(result.roleAssignments()).isEqualTo(o11DirectRoles().size());
  }

  @Test
  void appsKeyedApartFromTheirModulesGetTheSameRolesAsAppsKeyedLikeThem() throws SQLException {
    users.migrateUsers(request(false, false), appKeys);
    List<String> keyedLikeTheirModules = stageRoles();

    SampleMigration.convertWithOwnAppKeys(source, stage);
    List<String> ownKeys =
        stageRows("SELECT app_key FROM odc_catalog.app ORDER BY 1").stream()
            .map(r -> r[0])
            .toList();
    assertThat(ownKeys).doesNotContainAnyElementsOf(appKeys);
    assertThat(stageRoles()).as("converting again replaced the apps and their roles").isEmpty();
    UsersResult result = users.migrateUsers(request(false, false), ownKeys);

    assertThat(stageRoles()).isEqualTo(keyedLikeTheirModules).isEqualTo(o11DirectRoles());
    assertThat(result.roleAssignments()).isEqualTo(o11DirectRoles().size());
    assertThat(stageRows("SELECT DISTINCT app_key FROM odc_identity.user_role"))
        .extracting(r -> r[0])
        .isSubsetOf(ownKeys);
  }

  @Test
  void aSecondRunUpdatesUsersUnderTheSameIdsAndResetsTheirRoles() throws SQLException {
    users.migrateUsers(request(false, false), appKeys);
    Map<String, UUID> idsBefore = stageIds();
    sourceUpdate(
        "UPDATE [ossys_User] SET [Name] = 'Renamed Person', [Is_Active] = 0 WHERE [Id] = 2");
    sourceUpdate(
        "DELETE FROM [ossys_User_Role] WHERE [User_Id] = 1 AND [Id] = (SELECT MIN([Id]) FROM [ossys_User_Role]"
            + " WHERE [User_Id] = 1)");
    stageUpdate(
        "DELETE FROM odc_identity.user_role WHERE user_id = (SELECT user_id FROM odc_identity.user_map"
            + " WHERE o11_user_id = 3)");

    UsersResult again = users.migrateUsers(request(false, false), appKeys);

    assertThat(again.created()).isZero();
    assertThat(stageIds()).isEqualTo(idsBefore);
    assertThat(
            stageRows(
                    "SELECT u.name, u.is_active::text FROM odc_identity.end_user u JOIN odc_identity.user_map m"
                        + " ON m.user_id = u.id WHERE m.o11_user_id = 2")
                .get(0))
        .containsExactly("Renamed Person", "false");
    assertThat(stageRoles()).isEqualTo(o11DirectRoles());
  }

  @Test
  void invalidEmailsRefuseTheStartUnlessTheUserChoosesToSkipThoseUsers() throws SQLException {
    sourceUpdate("UPDATE [ossys_User] SET [Email] = '' WHERE [Id] = 3");
    sourceUpdate(
        "UPDATE [ossys_User] SET [Email] = UPPER((SELECT [Email] FROM [ossys_User] WHERE [Id] = 5)) WHERE [Id] = 4");

    assertThatThrownBy(() -> planning.planMigration(request(false, false)))
        .cause()
        .isInstanceOf(ApplicationFailure.class)
        .satisfies(
            f ->
                assertThat(((ApplicationFailure) f).getType())
                    .isEqualTo(FailureTypes.PLAN_REJECTED))
        .hasMessageContaining("user 3 (user3) has no email: set one in O11")
        .hasMessageContaining("user 5 (user5) has email")
        .hasMessageContaining("which user 4 also has");

    assertThat(planning.planMigration(request(true, false)).apps()).hasSize(3);
    UsersResult result = users.migrateUsers(request(true, false), appKeys);
    assertThat(result.skipped()).isEqualTo(2);
    assertThat(stageUsersByO11Id()).doesNotContainKeys("3", "5").containsKey("4");
  }

  @Test
  void endUsersCannotBeSkippedOnAProductionStage() {
    assertThatThrownBy(() -> planning.planMigration(request(false, true)))
        .hasMessageContaining(
            "stage Stage is a production stage: end users cannot be skipped there");
  }

  private Map<String, String> o11Users() throws SQLException {
    Map<String, String> emails = new TreeMap<>();
    for (String[] row : sourceRows("SELECT [Id], [Email] FROM [ossys_User]")) {
      emails.put(row[0], row[1]);
    }
    return emails;
  }

  private Map<String, String> stageUsersByO11Id() throws SQLException {
    Map<String, String> emails = new TreeMap<>();
    for (String[] row :
        stageRows(
            "SELECT m.o11_user_id, u.email FROM odc_identity.user_map m"
                + " JOIN odc_identity.end_user u ON u.id = m.user_id")) {
      emails.put(row[0], row[1]);
    }
    return emails;
  }

  private Map<String, UUID> stageIds() throws SQLException {
    Map<String, UUID> ids = new TreeMap<>();
    for (String[] row : stageRows("SELECT o11_user_id, user_id FROM odc_identity.user_map")) {
      ids.put(row[0], UUID.fromString(row[1]));
    }
    return ids;
  }

  /** "O11 user id/role SS_Key" of every direct role in the stage. */
  private List<String> stageRoles() throws SQLException {
    return stageRows(
            "SELECT m.o11_user_id || '/' || lower(r.role_key) FROM odc_identity.user_role r"
                + " JOIN odc_identity.user_map m ON m.user_id = r.user_id ORDER BY 1")
        .stream()
        .map(r -> r[0])
        .toList();
  }

  private List<String> o11DirectRoles() throws SQLException {
    return sourceRows(
            "SELECT CAST(ur.[User_Id] AS VARCHAR(10)) || '/' || LOWER(r.[SS_Key]) FROM [ossys_User_Role] ur"
                + " JOIN [ossys_Role] r ON r.[Id] = ur.[Role_Id] JOIN [ossys_Espace] e ON e.[Id] = r.[Espace_Id]"
                + " WHERE r.[Is_Active] = 1 AND e.[Is_Active] = 1 AND e.[Is_System] = 0 ORDER BY 1")
        .stream()
        .map(r -> r[0])
        .sorted()
        .toList();
  }

  private List<String[]> sourceRows(String sql) throws SQLException {
    try (Connection c = source.dataSource().getConnection()) {
      return rows(c, sql);
    }
  }

  private List<String[]> stageRows(String sql) throws SQLException {
    try (Connection c = stage.getConnection()) {
      return rows(c, sql);
    }
  }

  private void sourceUpdate(String sql) throws SQLException {
    try (Connection c = source.dataSource().getConnection();
        Statement st = c.createStatement()) {
      st.executeUpdate(sql);
    }
  }

  private void stageUpdate(String sql) throws SQLException {
    try (Connection c = stage.getConnection();
        Statement st = c.createStatement()) {
      st.executeUpdate(sql);
    }
  }

  private static List<String[]> rows(Connection c, String sql) throws SQLException {
    List<String[]> rows = new java.util.ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        String[] row = new String[n];
        for (int i = 0; i < n; i++) {
          row[i] = rs.getString(i + 1);
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
