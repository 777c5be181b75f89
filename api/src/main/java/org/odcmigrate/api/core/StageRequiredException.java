package org.odcmigrate.api.core;

import java.util.Collection;
import java.util.TreeSet;

/** A check named no stage while more than one is configured. */
public class StageRequiredException extends RuntimeException {

  public StageRequiredException(Collection<String> stages) {
    super("name the stage to check against (stage): stages are " + new TreeSet<>(stages));
  }
}
