package org.odcmigrate.migration;

import java.util.ArrayList;
import java.util.List;

/** The calls the fake activities received, in arrival order; shared by all fakes, thread-safe. */
final class CallLog {

  private final List<String> calls = new ArrayList<>();

  synchronized void add(String call) {
    calls.add(call);
  }

  synchronized List<String> all() {
    return List.copyOf(calls);
  }

  /**
   * The calls that start with {@code prefix} (an activity name, or a name and a subject), in
   * arrival order.
   */
  List<String> of(String prefix) {
    return all().stream().filter(c -> c.startsWith(prefix)).toList();
  }

  int count(String call) {
    return (int) all().stream().filter(call::equals).count();
  }

  int indexOf(String call) {
    return all().indexOf(call);
  }
}
