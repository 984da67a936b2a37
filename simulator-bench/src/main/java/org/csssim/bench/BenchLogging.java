package org.csssim.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Benchmarks measure the simulator, not its console: the per-message log lines are off unless CSSSIM_MESSAGE_LOG is set. */
public final class BenchLogging {
  private BenchLogging() {}

  public static void quiet() {
    if (System.getenv("CSSSIM_MESSAGE_LOG") == null) {
      ((Logger) LoggerFactory.getLogger("org.csssim.messages")).setLevel(Level.WARN);
      System.err.println("(per-message log lines off for the benchmark; set CSSSIM_MESSAGE_LOG=INFO to keep them)");
    }
  }
}
