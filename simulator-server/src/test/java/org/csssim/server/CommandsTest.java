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
import picocli.CommandLine;

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
      int code = new CommandLine(new Main()).execute(args);
      return new Ran(code, sink.toString());
    } finally {
      System.setOut(out);
      System.setErr(err);
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
  void theReferencePackIsValidAndTheValidateCommandSaysSo() {
    Ran ok = run("validate");
    assertEquals(0, ok.code(), ok.output());
    assertTrue(ok.output().startsWith("OK: "), ok.output());
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
