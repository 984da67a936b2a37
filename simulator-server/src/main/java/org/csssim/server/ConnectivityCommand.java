package org.csssim.server;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import org.csssim.internal.admin.AdminToken;
import org.csssim.internal.catalogue.Catalogue;
import org.csssim.internal.config.ConfigLoader;
import org.csssim.internal.config.SimulatorConfig;
import org.csssim.internal.connectivity.ConnectivityPlan;
import org.csssim.internal.connectivity.ConnectivityReport;
import org.csssim.internal.connectivity.ConnectivityTest;
import org.csssim.internal.yaml.ConfigException;
import org.csssim.internal.yaml.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code connectivity}: phases 1 to 4 of a physical connection, checked and reported, in
 * either direction (docs/connectivity.md). Exit status 0 when every step passed (warnings
 * allowed), 1 when a step failed, 2 when the test could not be set up.
 */
@Command(name = "connectivity", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Test a physical connection, phases 1 to 4: the environment; DNS, TCP, TLS and the server's certificate;"
        + " signing certificates and the webhook; a signed message and its asynchronous answer.",
        "Exit status: 0 passed, 1 a step failed, 2 could not run."})
final class ConnectivityCommand implements Callable<Integer> {
  @Option(names = "--direction", defaultValue = "to-css",
      description = "to-css (the participant's view: --target is the CSS) or to-participant (the operator's view:"
          + " --target is the participant's webhook URL) (default: ${DEFAULT-VALUE}).")
  String direction;

  @Option(names = "--target", defaultValue = "https://localhost:${env:SIMULATOR_PORT:-8443}",
      description = "The CSS's base URL, or the participant's webhook URL (default: ${DEFAULT-VALUE}).")
  String target;

  @Option(names = "--data-dir", defaultValue = "${env:SIMULATOR_DATA_DIR:-./data}",
      description = "The data directory whose test PKI (pki/) and admin token the defaults come from (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--admin-token", description = "The CSS's admin token, to check and register the webhook"
      + " (default: <data dir>/admin-token if present; \"\" for none).")
  String adminToken;

  @Option(names = "--config", description = "The configuration whose catalogue names the messages exchanged (default: the PIT defaults).")
  Path config;

  @Option(names = "--as", defaultValue = "SUPA", description = "The participant (default: ${DEFAULT-VALUE}).")
  String as;

  @Option(names = "--css", defaultValue = "CSS", description = "The CSS's MPID (default: ${DEFAULT-VALUE}).")
  String css;

  @Option(names = "--certificate", description = "The signing certificate (PEM): the participant's to-css, the CSS's"
      + " to-participant (default: <data dir>/pki/parties/<MPID>.crt).")
  Path certificate;

  @Option(names = "--key", description = "Its private key (PEM, PKCS#8) (default: <data dir>/pki/parties/<MPID>.key).")
  Path key;

  @Option(names = "--trust", description = "CA certificates (PEM) the far end's certificates must lead to (default: <data dir>/pki/ca.crt).")
  Path trust;

  @Option(names = "--dns", paramLabel = "HOST:PORT", description = "Ask this resolver (default: the system's).")
  String dns;

  @Option(names = "--timeout", defaultValue = "5s", description = "Each step gives up after this (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Option(names = "--answer-timeout", defaultValue = "30s",
      description = "How long phase 4 waits for the asynchronous answer (default: ${DEFAULT-VALUE}).")
  String answerTimeout;

  @Option(names = "--callback-host", defaultValue = "127.0.0.1",
      description = "Where the test's webhook receiver listens; the CSS must reach it there (default: ${DEFAULT-VALUE}).")
  String callbackHost;

  @Option(names = "--callback-port", defaultValue = "0", description = "Its port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int callbackPort;

  @Option(names = "--callback-certificate", description = "The receiver's TLS certificate (default: <data dir>/pki/tls.crt).")
  Path callbackCertificate;

  @Option(names = "--callback-key", description = "Its key (default: <data dir>/pki/tls.key).")
  Path callbackKey;

  @Option(names = "--css-keys", paramLabel = "FILE|URL", description = "The keys the CSS signs with: PEM certificates or a JWK set"
      + " (default: <target>/pki/parties/<css>/jwks.json).")
  String cssKeys;

  @Option(names = "--participant-certificate", paramLabel = "FILE|URL",
      description = "to-participant: the signing certificate the participant published (default: <data dir>/pki/parties/<as>.crt if present).")
  String participantCertificate;

  @Option(names = "--message", description = "The type to send (default: the catalogue's connectivity.send, or .notification to-participant).")
  String message;

  @Option(names = "--expect", description = "to-css: the type to wait for (default: the catalogue's connectivity.expect).")
  String expect;

  @Option(names = "--junit", description = "Also write the report as JUnit XML to this file.")
  Path junit;

  @Option(names = "--json", description = "Print the report as JSON instead of text.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    ConnectivityPlan plan;
    Catalogue catalogue;
    try {
      plan = plan();
      SimulatorConfig cfg = config == null ? ConfigLoader.loadEmbeddedPit(Map.of()) : ConfigLoader.load(config, Map.of());
      catalogue = Catalogue.load(cfg.catalogueLocation());
    } catch (IllegalArgumentException | ConfigException e) {
      System.err.println("connectivity: " + e.getMessage());
      return 2;
    }
    Vertx vertx = Vertx.vertx();
    try {
      ConnectivityReport report = new ConnectivityTest(plan, catalogue, vertx, Clock.systemUTC()).run();
      System.out.print(json ? report.toJson() + "\n" : report.toText());
      if (junit != null) {
        Files.writeString(junit, report.toJunitXml());
      }
      return report.exitStatus();
    } finally {
      vertx.close();
    }
  }

  ConnectivityPlan plan() throws java.io.IOException {
    ConnectivityPlan.Direction d = ConnectivityPlan.Direction.parse(direction);
    String signer = d.signer(as, css);
    ConnectivityPlan.TestPkiFiles pki = new ConnectivityPlan.TestPkiFiles(dataDir.resolve("pki"));
    String token = AdminToken.givenOrStored(adminToken, dataDir);
    return new ConnectivityPlan(d, ConnectivityPlan.target(target, "--target"), as, css,
        certificate != null ? certificate : pki.certificate(signer), key != null ? key : pki.key(signer),
        trust != null ? trust : pki.trust(), ConnectivityPlan.resolver(dns), Durations.parse(timeout),
        Durations.parse(answerTimeout), token, callbackHost, callbackPort,
        callbackCertificate != null ? callbackCertificate : pki.tlsCertificate(),
        callbackKey != null ? callbackKey : pki.tlsKey(), cssKeys,
        d == ConnectivityPlan.Direction.TO_PARTICIPANT
            ? (participantCertificate != null ? participantCertificate : pki.published(as)) : null,
        message, expect);
  }

}
