package org.csssim.server;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.csssim.bench.HelloServer;
import org.csssim.bench.InstanceBenchmark;
import org.csssim.bench.WebhookBenchmark;
import org.csssim.internal.config.ConfigLoader;
import org.csssim.internal.config.SimulatorConfig;
import org.csssim.internal.pki.KeyIds;
import org.csssim.internal.pki.TestPki;
import org.csssim.internal.runtime.Simulator;
import org.csssim.internal.yaml.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The command line. With no arguments it runs the PIT defaults embedded in the jar; the
 * subcommands issue test keys and run benchmarks.
 */
@Command(name = "css-simulator", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Simulates the Central Switching Service and the parties around it.",
    subcommands = {Main.Pki.class, ValidateCommand.class, InstanceBenchmark.class,
        WebhookBenchmark.class, HelloServer.class, org.csssim.load.LoadCommand.class})
public final class Main implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE", description = "Instance configuration (default: the embedded PIT defaults).")
  Path config;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    SimulatorConfig cfg;
    try {
      cfg = config == null ? ConfigLoader.loadEmbeddedPit(System.getenv()) : ConfigLoader.load(config, System.getenv());
    } catch (ConfigException e) {
      System.err.println("Configuration error: " + e.getMessage());
      return 2;
    }
    Simulator sim;
    try {
      sim = Simulator.start(cfg).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      System.err.println((cause instanceof ConfigException ? "Configuration error: " : "Start-up failed: ") + cause.getMessage());
      return 2;
    }
    System.out.println(StartupReport.of(sim));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        sim.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // the process is ending anyway
      }
      stopped.countDown();
    }, "css-simulator-shutdown"));
    stopped.await();
    return 0;
  }

  /** {@code pki issue}: a further key and certificate from the test CA, for a new party or a rotation. */
  @Command(name = "pki", description = "Test PKI tasks.", subcommands = Pki.Issue.class)
  static final class Pki {
    @Command(name = "issue", mixinStandardHelpOptions = true,
        description = "Issue a key and certificate for a party from the test CA under <data dir>/pki.")
    static final class Issue implements Callable<Integer> {
      @Option(names = "--mpid", required = true, description = "The party the certificate is for (its CN).")
      String mpid;

      @Option(names = "--name", description = "File name under pki/parties/ without extension (default: the mpid).")
      String name;

      @Option(names = "--algorithm", defaultValue = "ES256", description = "ES256 (EC P-256), PS256 or RS256 (RSA 2048).")
      String algorithm;

      @Option(names = "--data-dir", description = "Data directory (default: $SIMULATOR_DATA_DIR or ./data).")
      Path dataDir;

      @Override
      public Integer call() throws Exception {
        if (!org.csssim.internal.jws.Signing.ALGORITHMS.contains(algorithm)) {
          System.err.println("--algorithm must be ES256, PS256 or RS256");
          return 2;
        }
        Path dir = dataDir != null ? dataDir : Path.of(System.getenv().getOrDefault("SIMULATOR_DATA_DIR", "./data"));
        TestPki pki = new TestPki(dir);
        pki.ensure(java.util.Map.of());
        String file = name == null ? mpid : name;
        var cert = pki.issue(mpid, file, algorithm);
        System.out.println("Issued for " + mpid + ":");
        System.out.println("  certificate " + pki.partyCertificate(file));
        System.out.println("  private key " + pki.partyKey(file));
        System.out.println("  kid         " + KeyIds.kid(cert));
        System.out.println("Add the certificate to the party's keys in the configuration to have it accepted.");
        return 0;
      }
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"css-simulator " + Simulator.version()};
    }
  }
}
