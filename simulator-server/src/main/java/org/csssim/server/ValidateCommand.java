package org.csssim.server;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.csssim.internal.catalogue.Catalogue;
import org.csssim.internal.config.ConfigLoader;
import org.csssim.internal.config.SimulatorConfig;
import org.csssim.internal.registration.Registrations;
import org.csssim.internal.scenario.PackSource;
import org.csssim.internal.scenario.ScenarioOptions;
import org.csssim.internal.scenario.ScenarioPack;
import org.csssim.internal.yaml.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code validate [PACK]}: checks a scenario pack offline, against a configuration's catalogue
 * and parties, exactly as start-up and reload would; for users' CI. Exit 0 when valid, 1 with
 * file:line and the reason when not.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check a scenario pack (and the configuration's catalogue) without starting the simulator.")
final class ValidateCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "PACK", description = "The pack manifest (default: the configuration's pack).")
  Path pack;

  @Option(names = "--config", paramLabel = "FILE", description = "Configuration whose catalogue and parties to check against"
      + " (default: the embedded PIT defaults).")
  Path config;

  @Override
  public Integer call() {
    try {
      SimulatorConfig cfg = config == null ? ConfigLoader.loadEmbeddedPit(Map.of()) : ConfigLoader.load(config, Map.of());
      if (pack != null) {
        cfg = cfg.withScenarios(new ScenarioOptions(pack.toString()));
      }
      Catalogue catalogue = Catalogue.load(cfg.catalogueLocation());
      catalogue.checkParties(cfg.partyOptions());
      ScenarioPack p = PackSource.of(cfg.packLocation(), catalogue, cfg.partyOptions(), java.time.Clock.systemUTC(),
          Registrations.unkept(), () -> null).load();
      System.out.println("OK: " + p.name() + " " + p.version() + ", " + p.scenarios().size() + " scenarios, checked against "
          + catalogue.name() + " " + catalogue.release() + " and " + cfg.parties().size() + " parties");
      return 0;
    } catch (ConfigException e) {
      System.err.println("INVALID: " + e.getMessage());
      return 1;
    }
  }
}
