package org.csssim.internal.runtime;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where a start's time went, from the JVM's own start (so class loading and configuration are
 * counted too), for the start-up log line: an operator who finds a start slow sees which part.
 */
final class StartupTimes {
  private final long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
  private final long begun = System.currentTimeMillis();
  private final List<String> phases = new ArrayList<>();
  private long last = begun;

  StartupTimes() {
    phases.add(String.format("JVM, classes and configuration %,d ms", begun - jvmStart));
  }

  /** Ends the phase {@code name}; answers the whole account so far. */
  synchronized String mark(String name) {
    long now = System.currentTimeMillis();
    phases.add(String.format("%s %,d ms", name, now - last));
    last = now;
    return String.format("%,d ms after the JVM started (", now - jvmStart) + phases.stream().collect(Collectors.joining(", "))
        + ")";
  }
}
