package org.odcmigrate.sample;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Collectors;
import org.odcmigrate.sample.SampleSchema.Attribute;
import org.odcmigrate.sample.SampleSchema.Entity;
import org.odcmigrate.sample.SampleSchema.Kind;
import org.odcmigrate.sample.SampleSchema.Module;
import org.odcmigrate.sample.SampleSchema.Role;

/**
 * The modules, entities, attributes and roles of the sample O11 environment, as O11 records them.
 */
final class SampleModel {

  static final String SERVICE_CENTER = "ServiceCenter";
  static final String USERS = "Users";
  static final String CUSTOMERS = "Customers";
  static final String ORDERS = "Orders";
  static final String CATALOG = "Catalog";
  static final String LEGACY_REPORTS = "LegacyReports";
  static final List<String> APP_MODULES = List.of(CUSTOMERS, ORDERS, CATALOG);

  final List<Module> modules = new ArrayList<>();
  final List<Entity> entities = new ArrayList<>();
  final List<Role> roles = new ArrayList<>();

  SampleModel(long seed) {
    Set<String> prefixes = new HashSet<>();
    Module serviceCenter = module(SERVICE_CENTER, true, true, null);
    module(USERS, true, true, null);
    Module customers = module(CUSTOMERS, true, false, prefix(seed, CUSTOMERS, prefixes));
    Module orders = module(ORDERS, true, false, prefix(seed, ORDERS, prefixes));
    Module catalog = module(CATALOG, true, false, prefix(seed, CATALOG, prefixes));
    Module legacy = module(LEGACY_REPORTS, false, false, prefix(seed, LEGACY_REPORTS, prefixes));

    // The platform's own table keeps O11's mixed-case column names.
    Entity user =
        new Builder(serviceCenter, "User", "entity", "ossys_User")
            .id("Id", Kind.INTEGER, 0, true)
            .text("Name", 250, false)
            .text("Username", 250, true)
            .text("Password", 250, false)
            .text("Email", 250, false)
            .text("MobilePhone", 20, false)
            .attr("Tenant_Id", Kind.INTEGER, 0, 0, false)
            .attr("Is_Active", Kind.BOOLEAN, 0, 0, false)
            .text("External_Id", 36, false)
            .attr("Creation_Date", Kind.DATE_TIME, 0, 0, false)
            .attr("Last_Login", Kind.DATE_TIME, 0, 0, false)
            .build();

    Entity country =
        new Builder(customers, "Country", "staticEntity", null)
            .id("Id", Kind.INTEGER, 0, true)
            .text("Label", 50, true)
            .text("Code", 3, true)
            .build();
    Entity customer =
        new Builder(customers, "Customer", "entity", null)
            .id("Id", Kind.LONG_INTEGER, 0, true)
            .text("Name", 100, true)
            .attr("Email", Kind.EMAIL, 250, 0, false)
            .attr("Phone", Kind.PHONE_NUMBER, 20, 0, false)
            .text("Notes", 5000, false)
            .attr("IsVip", Kind.BOOLEAN, 0, 0, false)
            .attr("BirthDate", Kind.DATE, 0, 0, false)
            .attr("CreatedOn", Kind.DATE_TIME, 0, 0, false)
            .attr("Balance", Kind.CURRENCY, 37, 8, false)
            .attr("Discount", Kind.DECIMAL, 5, 2, false)
            .attr("Photo", Kind.BINARY_DATA, 0, 0, false)
            .ref("CountryId", country, "Protect", false)
            .ref("CreatedBy", user, "Ignore", false)
            .inactiveText("LegacyCode", 20)
            .build();
    new Builder(customers, "CustomerNote", "entity", null)
        .multitenant()
        .id("Id", Kind.INTEGER, 0, true)
        .ref("CustomerId", customer, "Delete", true)
        .text("Body", 2000, false)
        .attr("CreatedOn", Kind.DATE_TIME, 0, 0, false)
        .build();

    // The "user extension" pattern: extra user fields in an app entity that references User.
    new Builder(customers, "UserProfile", "entity", null)
        .id("Id", Kind.INTEGER, 0, true)
        .ref("UserId", user, "Delete", true)
        .text("Department", 50, false)
        .attr("IsActive", Kind.BOOLEAN, 0, 0, false)
        .build();

    Entity product =
        new Builder(catalog, "Product", "entity", null)
            .id("Sku", Kind.TEXT, 20, false)
            .text("Name", 200, true)
            .attr("Price", Kind.DECIMAL, 10, 2, false)
            .attr("Image", Kind.BINARY_DATA, 0, 0, false)
            .build();
    new Builder(catalog, "Warehouse", "entity", null)
        .id("Id", Kind.INTEGER, 0, false)
        .text("Name", 100, true)
        .attr("Capacity", Kind.LONG_INTEGER, 0, 0, false)
        .build();

    Entity order =
        new Builder(orders, "Order", "entity", null)
            .id("Id", Kind.LONG_INTEGER, 0, true)
            .ref("CustomerId", customer, "Ignore", false)
            .attr("OrderDate", Kind.DATE, 0, 0, false)
            .attr("DeliveryTime", Kind.TIME, 0, 0, false)
            .attr("Total", Kind.DECIMAL, 18, 2, false)
            .attr("Status", Kind.INTEGER, 0, 0, false)
            .text("Reference", 30, false)
            .build();
    new Builder(orders, "OrderLine", "entity", null)
        .id("Id", Kind.INTEGER, 0, true)
        .ref("OrderId", order, "Delete", true)
        .ref("ProductSku", product, "Ignore", false)
        .attr("Quantity", Kind.INTEGER, 0, 0, false)
        .attr("Price", Kind.CURRENCY, 37, 8, false)
        .build();

    // Deleted modules keep their entities and data; readers must skip them by the module flag.
    new Builder(legacy, "Report", "entity", null)
        .id("Id", Kind.LONG_INTEGER, 0, true)
        .text("Title", 100, true)
        .build();

    role(customers, "CustomerManager", true);
    role(customers, "CustomerViewer", true);
    role(customers, "LegacyAuditor", false);
    role(orders, "OrderClerk", true);
    role(orders, "OrderSupervisor", true);
    role(catalog, "CatalogEditor", true);
    role(catalog, "CatalogViewer", true);
    role(legacy, "ReportReader", true);
  }

  Entity entity(String key) {
    return entities.stream()
        .filter(e -> e.key().equals(key))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("No sample entity " + key));
  }

  Module module(String name) {
    return modules.stream()
        .filter(m -> m.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("No sample module " + name));
  }

  Set<String> moduleKeys() {
    return modules.stream().map(Module::ssKey).collect(Collectors.toSet());
  }

  /**
   * SS_Keys depend on names only, not on the seed: like one app deployed to two O11 environments,
   * two samples share their keys while their physical tables differ.
   */
  static String ssKey(String kind, String name) {
    return UUID.nameUUIDFromBytes(
            ("odc-migrate-sample:" + kind + ":" + name).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private Module module(String name, boolean active, boolean system, String prefix) {
    Module module = new Module(name, ssKey("espace", name), active, system, prefix);
    modules.add(module);
    return module;
  }

  private void role(Module module, String name, boolean active) {
    roles.add(new Role(module, name, ssKey("role", module.name() + "." + name), active));
  }

  /** Three base-36 characters per module, like the OSUSR_7I3_ prefixes O11 generates. */
  private static String prefix(long seed, String moduleName, Set<String> taken) {
    SplittableRandom random = SampleValues.random(seed, "prefix:" + moduleName);
    String prefix;
    do {
      StringBuilder chars = new StringBuilder();
      for (int i = 0; i < 3; i++) {
        chars.append(Character.forDigit(random.nextInt(36), 36));
      }
      prefix = chars.toString().toUpperCase(Locale.ROOT);
    } while (!taken.add(prefix));
    return prefix;
  }

  /** Collects one entity's attributes in O11's order and registers the entity when built. */
  private final class Builder {
    private final Module module;
    private final String name;
    private final String dataKind;
    private final String table;
    private final List<Attribute> attributes = new ArrayList<>();
    private boolean multitenant;

    Builder(Module module, String name, String dataKind, String systemTable) {
      this.module = module;
      this.name = name;
      this.dataKind = dataKind;
      this.table =
          systemTable != null
              ? systemTable
              : "OSUSR_" + module.tablePrefix() + "_" + name.toUpperCase(Locale.ROOT);
    }

    Builder multitenant() {
      multitenant = true;
      return this;
    }

    Builder id(String attrName, Kind kind, int length, boolean autoNumber) {
      return add(attrName, kind, length, 0, true, autoNumber, null, null, true);
    }

    Builder text(String attrName, int length, boolean mandatory) {
      return add(attrName, Kind.TEXT, length, 0, mandatory, false, null, null, true);
    }

    Builder inactiveText(String attrName, int length) {
      return add(attrName, Kind.TEXT, length, 0, false, false, null, null, false);
    }

    Builder attr(String attrName, Kind kind, int length, int decimals, boolean mandatory) {
      return add(attrName, kind, length, decimals, mandatory, false, null, null, true);
    }

    Builder ref(String attrName, Entity target, String deleteRule, boolean mandatory) {
      Attribute id = target.identifier();
      return add(
          attrName,
          Kind.REFERENCE,
          id.length(),
          id.decimals(),
          mandatory,
          false,
          target,
          deleteRule,
          true);
    }

    private Builder add(
        String attrName,
        Kind kind,
        int length,
        int decimals,
        boolean mandatory,
        boolean autoNumber,
        Entity target,
        String deleteRule,
        boolean active) {
      String column = module.system() ? attrName : attrName.toUpperCase(Locale.ROOT);
      attributes.add(
          new Attribute(
              attrName,
              ssKey("attribute", module.name() + "." + name + "." + attrName),
              column,
              kind,
              length,
              decimals,
              mandatory,
              autoNumber,
              target,
              deleteRule,
              active));
      return this;
    }

    Entity build() {
      Entity entity =
          new Entity(
              module,
              name,
              ssKey("entity", module.name() + "." + name),
              table,
              dataKind,
              module.system(),
              multitenant,
              List.copyOf(attributes));
      entities.add(entity);
      return entity;
    }
  }
}
