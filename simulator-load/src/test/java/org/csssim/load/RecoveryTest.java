package org.csssim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.csssim.internal.clock.SimulatorClock;
import org.csssim.internal.journal.JournalEntry;
import org.csssim.internal.journal.JournalQuery;
import org.csssim.testing.Harness;
import org.csssim.testing.ManualClock;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Timers that fell due while the simulator was down: switches wait for their supply start
 * date, the simulator stops, 35 days pass, and it starts again. Every wait fires at once, each
 * once, in its deadline's order, and a further restart fires none again.
 */
class RecoveryTest {
  private static final List<String> AFTER = List.of("RegistrationSecuredActiveNotification", "GateClosureNotification",
      "RegistrationConfirmedNotification");

  @Test
  void timersThatFellDueWhileDownFireOnceInDeadlineOrder() throws Exception {
    Path dir = Files.createTempDirectory("csssim-recovery");
    ManualClock wall = new ManualClock(Instant.now());
    Set<String> flows;
    try (Harness h = Harness.start(dir, c -> c, new SimulatorClock(wall))) {
      LoadCommand cmd = new LoadCommand();
      new CommandLine(cmd).parseArgs("--target", h.baseUrl(), "--data-dir", dir.toString(), "--profile", "steady",
          "--rate", "20", "--duration", "2s", "--mix", "SwitchRequest", "--progress", "0", "--quiet-timeout", "2s");
      LoadReport report = new LoadRun(cmd.plan(), new PrintStream(new ByteArrayOutputStream())).run();
      assertTrue(report.passed(), report.toText());
      flows = Harness.await(h.sim.journal().query(JournalQuery.all(100_000))).stream()
          .filter(e -> e.direction() == JournalEntry.Direction.IN && e.outcome() == JournalEntry.Outcome.ACCEPTED)
          .map(JournalEntry::correlationId).collect(Collectors.toSet());
      assertEquals(40, flows.size());
      assertEquals(Map.of(), afterClock(h, flows), "nothing after the supply start date yet");
    }

    wall.pass(Duration.ofDays(35));   // down for 35 days
    try (Harness h = Harness.start(dir, c -> c, new SimulatorClock(wall))) {
      Harness.eventually(() -> allFired(h, flows), "every switch's waits fired");
      Map<String, List<String>> sent = afterClock(h, flows);
      assertEquals(flows.size(), sent.size());
      sent.forEach((corr, types) -> assertEquals(AFTER, types, "once each, in deadline order, for " + corr));
    }

    try (Harness h = Harness.start(dir, c -> c, new SimulatorClock(wall))) {
      Harness.await(h.sim.timers().settle());
      Thread.sleep(500);
      afterClock(h, flows).forEach((corr, types) -> assertEquals(AFTER, types, "nothing fired again for " + corr));
    }
  }

  private static boolean allFired(Harness h, Set<String> flows) {
    try {
      return afterClock(h, flows).values().stream().filter(AFTER::equals).count() == flows.size();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Per switch, the after-clock notifications queued for its sender, in journal order. */
  private static Map<String, List<String>> afterClock(Harness h, Set<String> flows) throws Exception {
    return Harness.await(h.sim.journal().query(JournalQuery.all(100_000))).stream()
        .filter(e -> e.direction() == JournalEntry.Direction.OUT && flows.contains(e.correlationId())
            && e.outcome() == JournalEntry.Outcome.QUEUED && AFTER.contains(e.eventType()))
        .collect(Collectors.groupingBy(JournalEntry::correlationId, TreeMap::new,
            Collectors.mapping(JournalEntry::eventType, Collectors.toList())));
  }
}
