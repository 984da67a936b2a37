package org.csssim.server;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.csssim.bench.EngineBenchmark;
import org.csssim.bench.HelloServer;
import org.csssim.bench.InstanceBenchmark;
import org.csssim.bench.RegistrationBenchmark;
import org.csssim.bench.WebhookBenchmark;
import org.csssim.internal.config.ConfigLoader;
import org.csssim.internal.config.SimulatorConfig;
import org.csssim.internal.http.HttpsOptions;
import org.csssim.internal.pki.KeyIds;
import org.csssim.internal.pki.TestPki;
import org.csssim.internal.runtime.Simulator;
import org.csssim.internal.yaml.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The command line. With no command it runs the simulator (the PIT defaults embedded in the
 * jar, or {@code --config}); the commands check a pack, issue test keys, load a CSS and
 * benchmark.
 */
@Command(name = "css-simulator", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {"Simulates the Central Switching Service and the parties around it.",
        "With no command, starts the simulator (the embedded PIT defaults, or --config FILE) and runs until stopped"
            + " (Ctrl-C); the commands below do other work and exit."},
    footerHeading = "%nEnvironment:%n",
    footer = {"  SIMULATOR_PORT         the HTTPS port (default 8443)",
        "  SIMULATOR_DATA_DIR     test PKI, admin token, embedded store (default ./data)",
        "  SIMULATOR_ADMIN_TOKEN  the admin API's token (default: made at first start,",
        "                         kept in <data dir>/admin-token)",
        "  SIMULATOR_STORE        memory, embedded (default) or postgresql",
        "  SIMULATOR_STORE_URL    the PostgreSQL database: postgresql://user@host:port/db",
        "  CSSSIM_MESSAGE_LOG     per-message log lines: INFO (default) or WARN (none)",
        "  CSSSIM_LOG_PAYLOADS    true: the log lines carry message bodies"})
public final class Main implements Callable<Integer> {
  /** Added by {@link #commandLine} only when the arguments may name one (see there). */
  private static final List<Class<?>> COMMANDS = List.of(Main.Pki.class, ValidateCommand.class, MessageCommand.class,
      org.csssim.load.LoadCommand.class, ConnectivityCommand.class, ClassArchiveCommand.class, InstanceBenchmark.class,
      WebhookBenchmark.class, EngineBenchmark.class, RegistrationBenchmark.class, HelloServer.class, CommandLine.HelpCommand.class);

  @Option(names = "--config", paramLabel = "FILE", description = "Instance configuration (default: the embedded PIT defaults).")
  Path config;

  public static void main(String[] args) {
    HttpsOptions.refuseClientRenegotiation();   // before any TLS server handshake in this process
    HttpsOptions.keyStoresStayInMemory();       // before any TLS context is made
    System.exit(commandLine(args).execute(args));
  }

  /**
   * The command line for {@code args}. Picocli reads every command's options from its
   * annotations as its model is made, which took a quarter of a second of a start (some ten
   * commands, the load tool's many options among them); a start of the server itself (no
   * arguments, or only {@code --config FILE}) uses none of them, so only then are they left out.
   */
  static CommandLine commandLine(String[] args) {
    CommandLine cl = new CommandLine(new Main());
    boolean serverOnly = args.length == 0 || args.length == 2 && args[0].equals("--config")
        || args.length == 1 && args[0].startsWith("--config=");
    if (!serverOnly) {
      COMMANDS.forEach(cl::addSubcommand);
    }
    return cl;
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

  /** {@code pki issue}: a further key and certificate from the test CA: a party's (a new party, a rotation) or a server's. */
  @Command(name = "pki", mixinStandardHelpOptions = true, description = "Test PKI tasks: pki issue --help says more.",
      subcommands = {Pki.Issue.class, CommandLine.HelpCommand.class})
  static final class Pki implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(System.out);
    }

    @Command(name = "issue", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Issue a key and certificate from the test CA under <data dir>/pki:",
            "  for a party (--mpid): its signing key, under pki/parties/ (a new party, or a second key for a rotation);",
            "  for a server (--server --host NAME...): a TLS server certificate under pki/servers/, for a webhook"
                + " receiver the simulator must trust (it trusts whatever its test CA issued)."})
    static final class Issue implements Callable<Integer> {
      @Option(names = "--mpid", description = "The party the certificate is for (its CN).")
      String mpid;

      @Option(names = "--server", description = "A TLS server certificate instead of a party's.")
      boolean server;

      @Option(names = "--host", paramLabel = "NAME", description = "A host name or IP address the server certificate"
          + " names (repeat for more; the first is its CN).")
      java.util.List<String> hosts = new java.util.ArrayList<>();

      @Option(names = "--name", description = "File name without extension (default: the mpid, or the first host).")
      String name;

      @Option(names = "--algorithm", defaultValue = "ES256", description = "ES256 (EC P-256), PS256 or RS256 (RSA 2048).")
      String algorithm;

      @Option(names = "--data-dir", description = "Data directory (default: $SIMULATOR_DATA_DIR or ./data).")
      Path dataDir;

      @Override
      public Integer call() throws Exception {
        Path dir = dataDir != null ? dataDir : Path.of(System.getenv().getOrDefault("SIMULATOR_DATA_DIR", "./data"));
        TestPki pki = new TestPki(dir);
        if (server) {
          if (hosts.isEmpty() || mpid != null) {
            System.err.println("pki issue --server takes --host NAME (one or more), not --mpid");
            return 2;
          }
          pki.ensure(java.util.Map.of());
          String file = name == null ? hosts.get(0) : name;
          pki.issueServer(file, hosts);
          System.out.println("Issued a TLS server certificate for " + String.join(", ", hosts) + ":");
          System.out.println("  certificate " + pki.serverCertificate(file));
          System.out.println("  private key " + pki.serverKey(file));
          System.out.println("Serve your webhook with these; the simulator trusts them (its test CA, " + pki.caCertificate()
              + ", issued them).");
          return 0;
        }
        if (mpid == null) {
          System.err.println("pki issue takes --mpid MPID (a party's key) or --server --host NAME (a server's certificate)");
          return 2;
        }
        if (!org.csssim.internal.jws.Signing.ALGORITHMS.contains(algorithm)) {
          System.err.println("--algorithm must be ES256, PS256 or RS256");
          return 2;
        }
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
