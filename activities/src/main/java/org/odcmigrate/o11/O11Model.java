package org.odcmigrate.o11;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The active metadata of an O11 environment.
 *
 * @param modules the application modules (system modules left out)
 * @param entities every active entity, system ones included, by reference key
 * @param userEntity the ServiceCenter User entity that user references point to
 * @param derived the facts the platform tables do not hold here and that were derived instead, in
 *     words
 */
public record O11Model(
    List<O11Module> modules,
    Map<O11Reference, O11Entity> entities,
    O11Reference userEntity,
    List<String> derived) {

  public O11Model {
    derived = derived == null ? List.of() : List.copyOf(derived);
  }

  public Optional<O11Module> module(String key) {
    return modules.stream().filter(m -> m.key().equalsIgnoreCase(key)).findFirst();
  }

  /**
   * The module of that name, spelled exactly, else in any case (two modules may differ only in
   * case).
   */
  public Optional<O11Module> moduleNamed(String name) {
    return modules.stream()
        .filter(m -> m.name().equals(name))
        .findFirst()
        .or(() -> modules.stream().filter(m -> m.name().equalsIgnoreCase(name)).findFirst());
  }

  public boolean isUserReference(O11Reference reference) {
    return reference != null && reference.equals(userEntity);
  }

  /** The entity a reference points to, if it is active. */
  public Optional<O11Entity> target(O11Reference reference) {
    return Optional.ofNullable(entities.get(reference));
  }
}
