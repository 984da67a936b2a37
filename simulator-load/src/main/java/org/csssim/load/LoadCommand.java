package org.csssim.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.csssim.internal.admin.AdminToken;
import org.csssim.internal.catalogue.Catalogue;
import org.csssim.internal.config.ConfigLoader;
import org.csssim.internal.config.SimulatorConfig;
import org.csssim.internal.party.Party;
import org.csssim.internal.party.PartyRegistry;
import org.csssim.internal.yaml.ConfigException;
import org.csssim.internal.yaml.Durations;
import org.csssim.internal.yaml.Location;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code load}: injects signed SwitchRequests and InitialRegistrationRequests into a CSS at a
 * URL by a rate profile, receives and verifies every callback, and reconciles. Exit status 0
 * when reconciliation passes, 1 when it fails, 2 when the run could not be set up.
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Inject signed messages into a CSS by profile, receive its callbacks, and reconcile every input with"
        + " its expected outputs. Exit status: 0 reconciled, 1 not reconciled, 2 could not run."})
public final class LoadCommand implements Callable<Integer> {
  @Option(names = "--target", defaultValue = "https://localhost:${env:SIMULATOR_PORT:-8443}",
      description = "The CSS's base URL (default: ${DEFAULT-VALUE}, the port from SIMULATOR_PORT as the server takes it).")
  String target;

  @Option(names = "--data-dir", defaultValue = "${env:SIMULATOR_DATA_DIR:-./data}",
      description = "The target's data directory, for its test PKI (pki/) and admin token (default: ${DEFAULT-VALUE},"
          + " from SIMULATOR_DATA_DIR as the server takes it).")
  Path dataDir;

  @Option(names = "--admin-token", description = "The target's admin token (default: <data dir>/admin-token if present)."
      + " Without one (or with \"\") the tool cannot ask for test data, register its callback URL or move the clock.")
  String adminToken;

  @Option(names = "--config", description = "The configuration naming the parties and their keys (default: the PIT defaults).")
  Path config;

  @Option(names = "--as", defaultValue = "SUPA", description = "The party the tool plays (its key signs, its callbacks come here) (default: ${DEFAULT-VALUE}).")
  String as;

  @Option(names = "--css", defaultValue = "CSS", description = "The party whose published keys callbacks are checked against (default: ${DEFAULT-VALUE}).")
  String css;

  @Option(names = "--profile", defaultValue = "steady",
      description = "steady, ramp, peak, soak, max (closed loop, as fast as answered) or shape (default: ${DEFAULT-VALUE}).")
  String profile;

  @Option(names = "--rate", defaultValue = "100", description = "Messages/s: steady and soak; peak's base; ramp's end (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--from", defaultValue = "0", description = "ramp: the rate it starts at.")
  double from;

  @Option(names = "--peak-rate", defaultValue = "0", description = "peak: the rate before gate closure (default: 3x --rate).")
  double peakRate;

  @Option(names = "--peak-of-peaks-rate", defaultValue = "0",
      description = "peak: the rate in the last minutes before gate closure (default: 2x --peak-rate).")
  double peakOfPeaksRate;

  @Option(names = "--shape", description = "shape: second:rate corners joined by straight lines, e.g. 0:50,30:400,60:50.")
  String shape;

  @Option(names = "--duration", defaultValue = "30s", description = "How long the offered load lasts (default: ${DEFAULT-VALUE}).")
  String duration;

  @Option(names = "--count", defaultValue = "20000", description = "max: how many messages (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--warmup", defaultValue = "0", description = "Messages sent (closed loop) before the measured run.")
  int warmup;

  @Option(names = "--max-in-flight", defaultValue = "256",
      description = "Unanswered messages at most; in max, the number kept in flight (default: ${DEFAULT-VALUE}).")
  int maxInFlight;

  @Option(names = "--connections", defaultValue = "8", description = "HTTPS connections (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--mix", defaultValue = "SwitchRequest=9,InitialRegistrationRequest=1",
      description = "Message types and weights (default: ${DEFAULT-VALUE}).")
  String mix;

  @Option(names = "--registered-to", defaultValue = "SUPC",
      description = "The supplier switched meter points are registered to: the losing side (default: ${DEFAULT-VALUE}).")
  String registeredTo;

  @Option(names = "--fuel-type", defaultValue = "E", description = "E or G (default: ${DEFAULT-VALUE}).")
  String fuelType;

  @Option(names = "--mpxns", description = "A file of type,mpxn lines to use instead of asking the target for test data.")
  Path mpxnFile;

  @Option(names = "--template", paramLabel = "TYPE=FILE",
      description = "A message template instead of samples/messages/<TYPE>.json (repeat for more types).")
  Map<String, Path> templateFiles = new LinkedHashMap<>();

  @Option(names = "--expectations", defaultValue = "classpath:load/reference-expectations.yaml",
      description = "What each message should bring back, or 'none' (default: ${DEFAULT-VALUE}).")
  String expectations;

  @Option(names = "--advance-clock", description = "After the run, advance the target's clock by this ISO duration"
      + " (e.g. P35D) and expect the after-clock notifications too: whole switches, end to end.")
  String advanceClock;

  @Option(names = "--quiet-timeout", defaultValue = "30s",
      description = "Stop waiting for callbacks when none came for this long (default: ${DEFAULT-VALUE}).")
  String quietTimeout;

  @Option(names = "--callback-host", defaultValue = "127.0.0.1",
      description = "Where the callback receiver listens; the target must reach it there (default: ${DEFAULT-VALUE}).")
  String callbackHost;

  @Option(names = "--callback-port", defaultValue = "0",
      description = "The callback receiver's port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int callbackPort;

  @Option(names = "--retries", defaultValue = "8",
      description = "Sends again (same bytes, same eventId) when a message does not get through (default: ${DEFAULT-VALUE}).")
  int retries;

  @Option(names = "--restart-command", description = "Resilience: a shell command that restarts the target mid-run.")
  String restartCommand;

  @Option(names = "--restart-at", defaultValue = "10s", description = "When to run the restart command (default: ${DEFAULT-VALUE}).")
  String restartAt;

  @Option(names = "--window", defaultValue = "10s", description = "Latency is also reported per window this long (default: ${DEFAULT-VALUE}).")
  String window;

  @Option(names = "--progress", defaultValue = "1s", description = "How often the live line is printed; 0 for never.")
  String progress;

  @Option(names = "--report", description = "Also write the report as JSON to this file.")
  Path reportFile;

  @Option(names = "--json", description = "Print the report as JSON instead of text.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    LoadRun.Plan plan;
    try {
      plan = plan();
    } catch (IllegalArgumentException | ConfigException e) {
      System.err.println("load: " + e.getMessage());
      return 2;
    }
    LoadReport report;
    try {
      report = new LoadRun(plan, json ? System.err : System.out).run();
    } catch (Exception e) {
      System.err.println("load: " + (refused(e) ? "nothing is listening at " + target
          + " (is the simulator running? --target names where it is)" : "the run failed: " + e));
      return 2;
    }
    System.out.println(json ? report.toJson() : report.toText());
    if (reportFile != null) {
      Files.writeString(reportFile, report.toJson());
    }
    return report.passed() ? 0 : 1;
  }

  /** True when the target refused the connection: nothing listens there. */
  private static boolean refused(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException) {
        return true;
      }
    }
    return false;
  }

  /** The run the options describe, as {@code load} would make it: for tests that add to it (a restart, say). */
  public LoadRun.Plan plan() throws Exception {
    SimulatorConfig cfg = (config == null ? ConfigLoader.loadEmbeddedPit(Map.of()) : ConfigLoader.load(config, Map.of()))
        .withDataDir(dataDir.toString());
    Catalogue catalogue = Catalogue.load(Location.of(cfg.catalogue(), Path.of("")));
    catalogue.notJwsAlone().ifPresent(why -> {
      throw new IllegalArgumentException(why + "; the load tool sends one JWS-signed message a body, and does not"
          + " speak that family yet");
    });
    Party party = PartyRegistry.load(cfg.partyOptions(), dataDir).party(as)
        .orElseThrow(() -> new IllegalArgumentException("the configuration has no party " + as));
    Map<String, Integer> weights = weights(mix);
    Map<String, String> templates = new LinkedHashMap<>();
    for (String type : weights.keySet()) {
      Path file = templateFiles.get(type);
      templates.put(type, file != null ? Files.readString(file) : new Location("classpath:samples/messages/" + type + ".json").read());
    }
    String token = AdminToken.givenOrStored(adminToken, dataDir);
    Expectations expected = expectations.equals("none") ? Expectations.NONE
        : Expectations.parse(Location.of(expectations, Path.of("")).read(), expectations);
    Runnable restart = restartCommand == null ? null : () -> runShell(restartCommand);
    return new LoadRun.Plan(target.replaceAll("/+$", ""), dataDir.resolve("pki"), token, party, css, catalogue, profile(),
        warmup, maxInFlight, connections, weights, registeredTo, fuelType, mpxns(), templates, expected, advanceClock,
        Durations.parse(quietTimeout), callbackHost, callbackPort, retries, Durations.parse(restartAt), restart, Durations.parse(window),
        progress.equals("0") ? Duration.ZERO : Durations.parse(progress));
  }

  LoadProfile profile() {
    Duration d = Durations.parse(duration);
    return switch (profile) {
      case "steady" -> LoadProfile.steady(rate, d);
      case "soak" -> LoadProfile.soak(rate, d);
      case "ramp" -> LoadProfile.ramp(from, rate, d);
      case "peak" -> {
        double p = peakRate > 0 ? peakRate : 3 * rate;
        yield LoadProfile.peak(rate, p, peakOfPeaksRate > 0 ? peakOfPeaksRate : 2 * p, d);
      }
      case "max" -> LoadProfile.closed(count);
      case "shape" -> {
        if (shape == null) {
          throw new IllegalArgumentException("--profile shape needs --shape, e.g. 0:50,30:400,60:50");
        }
        yield LoadProfile.shape(shape);
      }
      default -> throw new IllegalArgumentException("--profile is one of steady, ramp, peak, soak, max, shape; not " + profile);
    };
  }

  static Map<String, Integer> weights(String spec) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      String[] kv = part.trim().split("=");
      int w = kv.length == 1 ? 1 : Integer.parseInt(kv[1].trim());
      if (w < 0) {
        throw new IllegalArgumentException("--mix weights are whole numbers from 0: " + part);
      }
      if (w > 0) {
        out.put(kv[0].trim(), w);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("--mix names at least one message type with a weight above 0");
    }
    return out;
  }

  private Map<String, List<String>> mpxns() throws Exception {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (mpxnFile != null) {
      for (String line : Files.readAllLines(mpxnFile)) {
        String[] p = line.trim().split("\\s*,\\s*");
        if (p.length == 2 && !line.isBlank() && !line.startsWith("#")) {
          out.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p[1]);
        }
      }
    }
    return out;
  }

  private static void runShell(String command) {
    try {
      Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      int exit = p.waitFor();
      if (exit != 0) {
        throw new IllegalStateException("the restart command exited with " + exit);
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the restart command could not run: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
