package org.csssim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.csssim.internal.pki.KeyIds;
import org.csssim.internal.pki.Pem;
import org.junit.jupiter.api.Test;

/** The commands of css-simulator.jar, run as a user runs them, their output read back. */
class CommandsTest {
  /** What a command printed (standard output and error together) and its exit status. */
  private record Ran(int code, String output) {}

  private static Ran run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(sink, true));
      System.setErr(new PrintStream(sink, true));
      int code = Main.commandLine(args).execute(args);
      return new Ran(code, sink.toString());
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void connectivityPassesAgainstASimulatorAndWritesJunitXml() throws Exception {
    try (org.csssim.testing.Harness h = org.csssim.testing.Harness.start()) {
      Path junit = Files.createTempFile("connectivity", ".xml");
      Ran ran = run("connectivity", "--target", h.baseUrl(), "--data-dir", h.dataDir.toString(), "--junit", junit.toString());
      assertEquals(0, ran.code(), ran.output());
      assertTrue(ran.output().contains("PASSED: 21 passed, 0 warned, 0 failed, 0 skipped"), ran.output());
      assertTrue(ran.output().contains("  PASS  TLS 1.1 and below refused: TLS 1.1 and TLS 1.0 refused"), ran.output());
      assertTrue(Files.readString(junit).contains("tests=\"21\" failures=\"0\""), Files.readString(junit));

      Ran json = run("connectivity", "--target", h.baseUrl(), "--data-dir", h.dataDir.toString(), "--json",
          "--key", h.dataDir.resolve("pki/parties/SUPB.key").toString());
      assertEquals(1, json.code(), json.output());
      assertTrue(json.output().contains("\"status\" : \"FAIL\""), json.output());
    }
  }

  @Test
  void connectivityThatCannotBeSetUpExitsTwoWithTheReason() {
    Ran sideways = run("connectivity", "--direction", "sideways");
    assertEquals(2, sideways.code(), sideways.output());
    assertTrue(sideways.output().contains("connectivity: direction is to-css or to-participant, not sideways"), sideways.output());
    Ran plain = run("connectivity", "--target", "http://localhost:8443");
    assertEquals(2, plain.code(), plain.output());
    assertTrue(plain.output().contains("the target is an https URL with a host, not http://localhost:8443"), plain.output());
  }

  @Test
  void classArchiveRecordsAStartThatAnswersHealthAndIsRefusedOutsideTheJar() throws Exception {
    Ran outside = run("class-archive");
    assertEquals(2, outside.code(), outside.output());
    assertTrue(outside.output().contains("class-archive runs from the simulator's jar"), outside.output());

    // the part the second JVM runs (the build runs the whole command on the jar, and fails if the archive does not map)
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    java.util.Set<Path> before = archiveDirs(tmp);
    Ran recorded = run("class-archive", "--record");
    assertEquals(0, recorded.code(), recorded.output());
    assertEquals(before, archiveDirs(tmp), "the recorded start's data directory is removed");
  }

  private static java.util.Set<Path> archiveDirs(Path tmp) throws java.io.IOException {
    try (var all = Files.list(tmp)) {
      return all.filter(p -> p.getFileName().toString().startsWith("csssim-class-archive")).collect(java.util.stream.Collectors.toSet());
    }
  }

  @Test
  void theIssueCommandAddsAKeyForAParty() throws Exception {
    Path dir = Files.createTempDirectory("css-pki-cli");
    Ran ran = run("pki", "issue", "--mpid", "NEWCO", "--algorithm", "RS256", "--data-dir", dir.toString());
    assertEquals(0, ran.code(), ran.output());
    X509Certificate cert = Pem.readCertificate(dir.resolve("pki/parties/NEWCO.crt"));
    assertTrue(ran.output().contains("kid         " + KeyIds.kid(cert)), ran.output());
    cert.verify(Pem.readCertificate(dir.resolve("pki/ca.crt")).getPublicKey());
  }

  @Test
  void theHelpSaysThatNoCommandStartsTheServerAndNamesTheEnvironment() {
    for (String[] args : new String[][] {{"--help"}, {"help"}}) {
      Ran help = run(args);
      assertEquals(0, help.code(), help.output());
      assertTrue(help.output().contains("With no command, starts the simulator"), help.output());
      for (String env : java.util.List.of("SIMULATOR_PORT", "SIMULATOR_DATA_DIR", "SIMULATOR_ADMIN_TOKEN", "SIMULATOR_STORE")) {
        assertTrue(help.output().contains(env), env + " in " + help.output());
      }
      for (String command : java.util.List.of("load", "connectivity", "class-archive", "validate", "message", "pki")) {
        assertTrue(help.output().contains("  " + command + " "), command + " in " + help.output());
      }
    }
    // a start of the server itself is made without the commands' models (a quarter of a second of a start)
    assertTrue(Main.commandLine(new String[0]).getSubcommands().isEmpty());
    assertTrue(Main.commandLine(new String[] {"--config", "my.yaml"}).getSubcommands().isEmpty());
    assertTrue(Main.commandLine(new String[] {"--config", "my.yaml", "load"}).getSubcommands().containsKey("load"));
    Ran pki = run("pki", "--help");
    assertEquals(0, pki.code(), pki.output());
    assertTrue(pki.output().contains("issue"), pki.output());
    assertEquals(0, run("help", "pki").code());
  }

  @Test
  void loadHelpShowsEachOptionsFormAndDefault() {
    Ran load = run("load", "--help");
    assertEquals(0, load.code(), load.output());
    assertTrue(load.output().contains("--template=TYPE=FILE"), load.output());
    assertTrue(load.output().contains("(default: SUPA)"), "--as: " + load.output());
    assertTrue(load.output().contains("(default: CSS)"), "--css: " + load.output());
    assertTrue(load.output().contains("(default: 100)"), "--rate: " + load.output());
  }

  @Test
  void loadSaysWhenNothingListensAtTheTarget() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();   // free, and nothing listens once it is closed
    }
    Path dir = Files.createTempDirectory("css-load-refused");
    java.util.Map<String, String> parties = new java.util.LinkedHashMap<>();
    org.csssim.internal.config.ConfigLoader.loadEmbeddedPit(java.util.Map.of()).parties()
        .forEach(p -> parties.put(p.mpid(), p.signing().algorithm()));
    new org.csssim.internal.pki.TestPki(dir).ensure(parties);   // a target's data directory, its PKI made
    Ran load = run("load", "--target", "https://localhost:" + port, "--data-dir", dir.toString(), "--admin-token", "",
        "--expectations", "none", "--profile", "max", "--count", "1", "--retries", "0", "--progress", "0");
    assertEquals(2, load.code(), load.output());
    assertTrue(load.output().contains("nothing is listening at https://localhost:" + port
        + " (is the simulator running? --target"), load.output());
  }

  @Test
  void loadSaysWhenTheTargetsPkiIsNotThere() throws Exception {
    Path dir = Files.createTempDirectory("css-load-nopki");
    Ran load = run("load", "--data-dir", dir.toString(), "--admin-token", "", "--count", "1", "--progress", "0");
    assertEquals(2, load.code(), load.output());
    assertTrue(load.output().startsWith("load: ") && load.output().contains("CSS.crt"), load.output());
  }

  @Test
  void pkiIssuesAServerCertificateTheSimulatorTrusts() throws Exception {
    Path dir = Files.createTempDirectory("css-pki-server");
    Ran ran = run("pki", "issue", "--server", "--host", "hooks.example.test", "--host", "127.0.0.1", "--data-dir",
        dir.toString());
    assertEquals(0, ran.code(), ran.output());
    X509Certificate cert = Pem.readCertificate(dir.resolve("pki/servers/hooks.example.test.crt"));
    cert.verify(Pem.readCertificate(dir.resolve("pki/ca.crt")).getPublicKey());
    assertTrue(cert.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"), "serverAuth");
    var names = cert.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList();
    assertTrue(names.contains("hooks.example.test") && names.contains("127.0.0.1"), names.toString());
    assertTrue(Files.exists(dir.resolve("pki/servers/hooks.example.test.key")));
    assertEquals(2, run("pki", "issue", "--server", "--data-dir", dir.toString()).code(), "a server certificate needs a host");
  }

  @Test
  void theReferencePackIsValidAndTheValidateCommandSaysSo() {
    Ran ok = run("validate");
    assertEquals(0, ok.code(), ok.output());
    assertTrue(ok.output().startsWith("OK: "), ok.output());
  }

  @Test
  void theDipSampleIsValidAndAPartyThatCannotSignItsHeadersIsNot() throws Exception {
    Ran ok = run("validate", "--config", "../samples/dip.yaml");
    assertEquals(0, ok.code(), ok.output());
    assertTrue(ok.output().contains("checked against MHHS DIP reference catalogue"), ok.output());
    Path ec = Files.createTempFile("dip-ec", ".yaml");
    Files.writeString(ec, Files.readString(Path.of("../samples/dip.yaml"))
        .replace("{ mpid: LDSOA, roles: [LDSO], mode: simulated, signing: { algorithm: RS256 } }",
            "{ mpid: LDSOA, roles: [LDSO], mode: simulated }"));
    Ran bad = run("validate", "--config", ec.toString());
    assertEquals(1, bad.code(), bad.output());
    assertTrue(bad.output().contains("party LDSOA signs with ES256") && bad.output().contains("signing: {algorithm: RS256}"),
        bad.output());
  }

  @Test
  void aBrokenPackIsInvalidWithItsFileAndLine() throws Exception {
    Path dir = Files.createTempDirectory("pack");
    Files.writeString(dir.resolve("pack.yaml"), """
        name: test pack
        version: "1"
        calendar: classpath:calendar/england-and-wales.yaml
        scenarios: [ s.yaml ]
        """);
    Files.writeString(dir.resolve("s.yaml"), """
        scenario: s
        actsAs: CSS
        trigger: { message: SwitchRequest }
        key: ack.registrationId
        steps:
          - teleport: x
        """);
    Ran bad = run("validate", dir.resolve("pack.yaml").toString());
    assertEquals(1, bad.code(), bad.output());
    assertTrue(bad.output().startsWith("INVALID: "), bad.output());
    assertTrue(bad.output().contains("s.yaml:6"), bad.output());
  }
}
