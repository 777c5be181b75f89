package org.odcmigrate.odc;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.odcmigrate.o11.O11Attribute;
import org.odcmigrate.o11.O11Entity;
import org.odcmigrate.o11.O11Module;

/**
 * The stage tables and columns of one module's stored entities, distinct within their table or
 * schema.
 */
record ModuleNames(Map<String, String> tables, Map<String, Map<String, String>> columns) {

  static ModuleNames of(O11Module module) {
    List<O11Entity> stored =
        module.entities().stream().filter(e -> e.kind() != O11Entity.Kind.CLIENT).toList();
    Map<String, String> byName =
        StageNames.distinct(
            stored.stream().map(O11Entity::name).toList(), "entities of module " + module.name());
    Map<String, String> tables = new HashMap<>();
    Map<String, Map<String, String>> columns = new HashMap<>();
    for (O11Entity entity : stored) {
      tables.put(entity.key(), byName.get(entity.name()));
      Map<String, String> columnsByName =
          StageNames.distinct(
              entity.attributes().stream().map(O11Attribute::name).toList(),
              "attributes of " + module.name() + "." + entity.name());
      Map<String, String> byKey = new HashMap<>();
      entity.attributes().forEach(a -> byKey.put(a.key(), columnsByName.get(a.name())));
      columns.put(entity.key(), byKey);
    }
    return new ModuleNames(tables, columns);
  }

  String table(O11Entity entity) {
    return tables.get(entity.key());
  }

  String column(O11Entity entity, O11Attribute attribute) {
    return columns.get(entity.key()).get(attribute.key());
  }
}
