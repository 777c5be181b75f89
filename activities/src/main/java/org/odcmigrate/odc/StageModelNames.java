package org.odcmigrate.odc;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.odcmigrate.o11.O11Attribute;
import org.odcmigrate.o11.O11Entity;
import org.odcmigrate.o11.O11Module;

/** The stage table of every entity of a module and the column of every attribute, each unique in its scope. */
final class StageModelNames {

  private final Map<String, String> tables = new HashMap<>();
  private final Map<String, String> columns = new HashMap<>();

  private StageModelNames() {}

  static StageModelNames of(O11Module module) {
    StageModelNames names = new StageModelNames();
    List<O11Entity> entities = module.entities().stream().filter(e -> e.kind() != O11Entity.Kind.CLIENT).toList();
    List<String> tables = StageNames.unique(entities.stream().map(O11Entity::name).toList());
    for (int i = 0; i < entities.size(); i++) {
      O11Entity entity = entities.get(i);
      names.tables.put(entity.key(), tables.get(i));
      List<String> columns = StageNames.unique(entity.attributes().stream().map(O11Attribute::name).toList());
      for (int a = 0; a < columns.size(); a++) {
        names.columns.put(entity.key() + "/" + entity.attributes().get(a).key(), columns.get(a));
      }
    }
    return names;
  }

  String table(O11Entity entity) {
    return tables.get(entity.key());
  }

  String column(O11Entity entity, O11Attribute attribute) {
    return columns.get(entity.key() + "/" + attribute.key());
  }
}
