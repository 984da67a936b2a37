package org.csssim.bench;

import java.io.IOException;
import java.nio.file.Files;
import org.csssim.internal.config.ConfigLoader;
import org.csssim.internal.config.SimulatorConfig;

/**
 * The simulator a benchmark starts in its own process: the PIT defaults on a fresh data
 * directory and a free port, on the store the environment names (SIMULATOR_STORE, as for the
 * server; embedded by default).
 */
final class BenchSimulator {
  private BenchSimulator() {}

  static SimulatorConfig config(String name, int eventLoops) throws IOException {
    SimulatorConfig base = ConfigLoader.loadEmbeddedPit(System.getenv());
    return base.withDataDir(Files.createTempDirectory(name).toString())
        .withListener(base.listener().withPort(0).withInstances(eventLoops));
  }
}
