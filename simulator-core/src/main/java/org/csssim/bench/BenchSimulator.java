package org.csssim.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.csssim.config.ConfigLoader;
import org.csssim.config.SimulatorConfig;

/** The simulator a benchmark starts in its own process: the PIT defaults on a fresh data directory and a free port. */
final class BenchSimulator {
  private BenchSimulator() {}

  static SimulatorConfig config(String name, int eventLoops) throws IOException {
    SimulatorConfig base = ConfigLoader.loadEmbeddedPit(Map.of());
    return base.withDataDir(Files.createTempDirectory(name).toString())
        .withListener(base.listener().withPort(0).withInstances(eventLoops));
  }
}
