package org.csssim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.csssim.testing.Harness;
import org.junit.jupiter.api.Test;

/**
 * The README's step 3 as a user takes it: {@code message} fills a sample's placeholders,
 * {@code samples/sign.sh} (openssl) signs the file's bytes, and the simulator accepts what was
 * sent, byte for byte.
 */
class HandSentMessageTest {
  @Test
  void aSampleFilledByTheMessageCommandAndSignedWithOpensslIsAccepted() throws Exception {
    try (Harness h = Harness.start()) {
      String mpxn = h.sim.registrations().meterPoints().stream()
          .filter(m -> "SUPB".equals(m.attributes().get("supplierMpid")) && "E".equals(m.attributes().get("fuelType")))
          .map(m -> m.mpxn()).sorted().findFirst().orElseThrow();
      Path dir = Files.createTempDirectory("hand-sent");
      Path message = dir.resolve("switch.json");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      PrintStream stdout = System.out;
      PrintStream stderr = System.err;
      int code;
      try {
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
        String[] args = {"message", "SwitchRequest", "--set", "mpxn=" + mpxn};
        code = Main.commandLine(args).execute(args);
      } finally {
        System.setOut(stdout);
        System.setErr(stderr);
      }
      assertEquals(0, code, err.toString());
      assertTrue(err.toString().contains("send it: POST /css/v1/switch-requests"), err.toString());
      Files.write(message, out.toByteArray());

      String kid = h.party("SUPA").signingKid();
      Process sign = new ProcessBuilder("bash", "../samples/sign.sh",
          h.dataDir.resolve("pki/parties/SUPA.key").toString(), kid, message.toString()).redirectErrorStream(true).start();
      assertTrue(sign.waitFor(30, TimeUnit.SECONDS));
      String signature = new String(sign.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      assertEquals(0, sign.exitValue(), signature);

      Harness.Response ack = h.send(HttpMethod.POST, "/css/v1/switch-requests",
          Map.of("Content-Type", "application/json", "X-JWS-Signature", signature), Files.readAllBytes(message));
      assertEquals(202, ack.status(), ack.body());
      assertEquals("Accepted", ack.json().getString("status"));
    }
  }
}
