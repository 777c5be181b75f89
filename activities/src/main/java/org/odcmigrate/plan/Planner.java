package org.odcmigrate.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.odcmigrate.migration.AppPlan;
import org.odcmigrate.migration.EntityRef;
import org.odcmigrate.o11.O11Attribute;
import org.odcmigrate.o11.O11Entity;
import org.odcmigrate.o11.O11Model;
import org.odcmigrate.o11.O11Module;
import org.odcmigrate.o11.O11Reference;
import org.odcmigrate.odc.CatalogApp;
import org.odcmigrate.odc.CatalogAttribute;
import org.odcmigrate.odc.CatalogEntity;
import org.odcmigrate.odc.StageNames;
import org.odcmigrate.odc.StageTypes;

/**
 * Matches the stage's apps with the O11 modules they were converted from and builds the copy plan
 * of every entity, collecting every difference a user must fix instead of stopping at the first.
 */
public final class Planner {

  private final O11Model source;
  private final List<CatalogApp> stage;

  public Planner(O11Model source, List<CatalogApp> stage) {
    this.source = source;
    this.stage = stage;
  }

  /** The plan, or the list of problems that prevent it. */
  public PlanResult plan() {
    List<String> problems = new ArrayList<>();
    List<AppPlan> apps = new ArrayList<>();
    List<EntityPlan> entities = new ArrayList<>();
    for (CatalogApp app : stage) {
      Optional<O11Module> module = source.module(app.sourceModuleKey());
      if (module.isEmpty()) {
        continue; // converted from another environment's module: not part of this migration
      }
      if (!app.isPublished()) {
        problems.add(
            "app " + app.name() + " is not published in the stage: publish it, then start again");
      }
      List<EntityRef> refs = new ArrayList<>();
      Map<String, O11Entity> o11Entities =
          module.get().entities().stream()
              .filter(e -> e.kind() != O11Entity.Kind.CLIENT)
              .collect(Collectors.toMap(e -> e.key().toLowerCase(), Function.identity()));
      for (CatalogEntity entity : app.entities()) {
        O11Entity o11 = o11Entities.remove(entity.entityKey().toLowerCase());
        if (o11 == null) {
          problems.add(
              "entity "
                  + app.name()
                  + "."
                  + entity.name()
                  + " exists in ODC but not in O11 module "
                  + module.get().name());
          continue;
        }
        if (entity.isStatic()) {
          continue; // static records come with the converted code
        }
        EntityRef ref = new EntityRef(app.appKey(), app.name(), entity.entityKey(), entity.name());
        planEntity(ref, app, entity, o11, problems)
            .ifPresent(
                plan -> {
                  refs.add(ref);
                  entities.add(plan);
                });
      }
      o11Entities
          .values()
          .forEach(
              e ->
                  problems.add(
                      "entity "
                          + module.get().name()
                          + "."
                          + e.name()
                          + " exists in O11 but not in ODC app "
                          + app.name()));
      apps.add(new AppPlan(app.appKey(), app.name(), app.schema(), refs));
    }
    if (apps.isEmpty() && problems.isEmpty()) {
      problems.add(
          "no app of the stage was converted from a module of this O11 environment: convert the apps first");
    }
    return new PlanResult(apps, entities, problems);
  }

  private Optional<EntityPlan> planEntity(
      EntityRef ref, CatalogApp app, CatalogEntity entity, O11Entity o11, List<String> problems) {
    String where = app.name() + "." + entity.name();
    if (!o11.hasIdentifier()) {
      problems.add(
          "entity "
              + where
              + " has no identifier in O11: odc-migrate reads, splits and resumes an entity's rows"
              + " by its identifier, so give the entity one in O11, or leave app "
              + app.name()
              + " out of the migration");
      return Optional.empty();
    }
    Map<String, O11Attribute> o11Attributes =
        o11.attributes().stream()
            .collect(Collectors.toMap(a -> a.key().toLowerCase(), Function.identity()));
    List<ColumnPlan> columns = new ArrayList<>();
    int before = problems.size();
    O11Attribute identifier = o11.identifier();
    for (CatalogAttribute attribute : entity.attributes()) {
      O11Attribute o11Attribute = o11Attributes.remove(attribute.attributeKey().toLowerCase());
      if (o11Attribute == null) {
        problems.add(
            "attribute " + where + "." + attribute.name() + " exists in ODC but not in O11");
        continue;
      }
      compare(where, attribute, o11Attribute, problems);
      columns.add(
          new ColumnPlan(
              attribute.name(),
              o11Attribute.column(),
              attribute.column(),
              StageTypes.valueKind(o11Attribute, source),
              o11Attribute == identifier,
              o11Attribute.isReference(),
              staticTarget(o11Attribute)));
    }
    o11Attributes
        .values()
        .forEach(
            a ->
                problems.add(
                    "attribute " + where + "." + a.name() + " exists in O11 but not in ODC"));
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new EntityPlan(
            ref,
            o11.physicalTable(),
            app.schema(),
            entity.table(),
            columns,
            identifier.autoNumber(),
            app.sourceModuleKey()));
  }

  private static void compare(
      String where, CatalogAttribute odc, O11Attribute o11, List<String> problems) {
    String name = where + "." + odc.name();
    if (!odc.dataType().equalsIgnoreCase(o11.typeCode())) {
      problems.add(
          "attribute "
              + name
              + " is "
              + o11.typeCode()
              + " in O11 but "
              + odc.dataType()
              + " in ODC");
      return;
    }
    if (odc.length() != o11.length() || odc.decimals() != o11.decimals()) {
      problems.add(
          "attribute "
              + name
              + " has length/decimals "
              + o11.length()
              + "/"
              + o11.decimals()
              + " in O11 but "
              + odc.length()
              + "/"
              + odc.decimals()
              + " in ODC");
    }
    if (odc.mandatory() && !o11.mandatory()) {
      problems.add("attribute " + name + " is optional in O11 but mandatory in ODC");
    }
  }

  /** The stage table of a referenced static entity, whose ids a reference must find. */
  private ColumnPlan.StaticTarget staticTarget(O11Attribute attribute) {
    if (!attribute.isReference()) {
      return null;
    }
    O11Reference target = attribute.reference();
    Optional<O11Entity> entity = source.target(target);
    if (entity.isEmpty() || entity.get().kind() != O11Entity.Kind.STATIC) {
      return null;
    }
    for (CatalogApp app : stage) {
      if (!app.sourceModuleKey().equalsIgnoreCase(target.moduleKey())) {
        continue;
      }
      for (CatalogEntity e : app.entities()) {
        if (e.entityKey().equalsIgnoreCase(target.entityKey())) {
          return new ColumnPlan.StaticTarget(
              StageNames.qualified(app.schema(), e.table()),
              StageNames.quote(
                  e.attributes().stream()
                      .filter(CatalogAttribute::identifier)
                      .findFirst()
                      .orElseThrow()
                      .column()),
              app.appKey(),
              e.entityKey(),
              target.moduleKey());
        }
      }
    }
    return null;
  }
}
