package org.csssim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.csssim.internal.store.StoreOptions;
import org.csssim.load.LoadCommand;
import org.csssim.load.LoadReport;
import org.csssim.load.LoadRun;
import org.csssim.testing.StoreKinds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The simulator runs as a process of its own and is killed with SIGKILL in the middle of a
 * load of switches, then started again on the same data. Every switch accepted before the kill
 * goes on through its timers to its confirmation, every notification comes (a repeat only as
 * the same eventId), and the load tool's reconciliation finds nothing lost.
 */
class CrashRecoveryTest {

  static Stream<StoreOptions.Kind> durable() {
    return StoreKinds.durable();
  }

  @ParameterizedTest
  @MethodSource("durable")
  void aKilledSimulatorLosesNothingAccepted(StoreOptions.Kind kind) throws Exception {
    Path dir = Files.createTempDirectory("csssim-crash");
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    StoreOptions store = StoreKinds.config(kind, true);
    Process[] child = {start(dir, port, store)};
    int[] killedExit = {-1};
    try {
      LoadCommand cmd = new LoadCommand();
      new CommandLine(cmd).parseArgs("--target", "https://localhost:" + port, "--data-dir", dir.toString(),
          "--profile", "steady", "--rate", "40", "--duration", "5s", "--mix", "SwitchRequest", "--progress", "0",
          "--quiet-timeout", "5s", "--advance-clock", "P35D");
      Runnable kill = () -> {
        try {
          child[0].destroyForcibly();   // SIGKILL: no shutdown hook, no clean stop
          killedExit[0] = child[0].waitFor();
          child[0] = start(dir, port, store);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      };
      LoadReport report = new LoadRun(cmd.plan().withRestart(Duration.ofMillis(2500), kill),
          new PrintStream(new ByteArrayOutputStream())).run();
      JsonNode rec = report.json().get("reconciliation");
      assertTrue(report.json().get("events").toString().contains("restarting the target"), report.toText());
      assertEquals(137, killedExit[0], "the first process was killed (128 + SIGKILL), not stopped");
      assertTrue(report.passed(), report.toText());
      assertEquals(0, rec.get("missing").asInt(), report.toText());
      assertEquals(0, rec.get("duplicates").asInt(), report.toText());
      assertEquals(rec.get("inputs").asInt(), rec.get("complete").asInt(), report.toText());
      assertTrue(rec.get("accepted").asInt() >= 180, "most of the 200 were accepted around the kill: " + report.toText());
      Path maps = Path.of("/proc/" + child[0].pid() + "/maps");
      if (kind == StoreOptions.Kind.embedded && Files.isReadable(maps)) {
        // the restarted process loads SQLite's library from the copy the first one left in the data directory
        String under = dir.toRealPath() + "/";
        assertTrue(Files.readAllLines(maps).stream().anyMatch(l -> l.contains(under) && l.contains("/native/sqlite-jdbc-")),
            "SQLite's native library is loaded from a copy under " + dir);
      }
    } finally {
      child[0].destroyForcibly();
      child[0].waitFor();
    }
  }

  /** The simulator's own main class on this test's class path, on the embedded PIT defaults and {@code store}. */
  private Process start(Path dir, int port, StoreOptions store) throws IOException, InterruptedException {
    java.util.Map<String, String> env = new java.util.HashMap<>(java.util.Map.of("SIMULATOR_STORE", store.kind().name()));
    if (store.url() != null) {
      env.put("SIMULATOR_STORE_URL", store.url());
    }
    return ServerProcess.start(dir, port, env);
  }
}
