package org.csssim.internal.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.csssim.internal.registration.MeterNumbers;
import org.csssim.internal.registration.Seed;
import org.csssim.testing.Harness;
import org.csssim.testing.TestFiles;
import org.junit.jupiter.api.Test;

/**
 * The seed on a durable store: read and put in at the first start; at the next, the same seed is
 * not read again and its meter points are there from the store; a changed seed is read, checked
 * and put in again, and a broken one is refused at its line.
 */
class SeedOnRestartTest {
  private static final String REFERENCE = "../scenarios/reference";

  @Test
  void anUnchangedSeedIsNotReadAgainAndAChangedOneIs() throws Exception {
    Path data = Files.createTempDirectory("seed-restart");
    Path pack = TestFiles.copyTree(Path.of(REFERENCE), Files.createTempDirectory("seed-pack").resolve("pack"));
    Path seedFile = pack.resolve("data/meter-points.yaml");
    ScenarioOptions options = new ScenarioOptions(pack.resolve("pack.yaml").toString());
    String seeded = "1121000079191";

    Seed first;
    try (Harness h = Harness.start(data, c -> c.withScenarios(options))) {
      first = h.sim.engine().pack().seed();
      assertTrue(first.meterPoints().size() > 100, "read at the first start: " + first.meterPoints().size());
      assertTrue(h.sim.registrations().meterPoint(seeded).isPresent());
    }

    try (Harness h = Harness.start(data, c -> c.withScenarios(options))) {
      Seed again = h.sim.engine().pack().seed();
      assertEquals(first.digest(), again.digest());
      assertTrue(again.meterPoints().isEmpty(), "the model holds it, so it was not read");
      assertEquals(first.meterPoints().size(), h.sim.registrations().meterPoints().size(),
          "every meter point is back from the store");
      assertTrue(h.sim.registrations().meterPoint(seeded).isPresent());
    }

    String added = "1200000000" + "01";
    added = added + MeterNumbers.checkDigit(added);
    Files.writeString(seedFile, Files.readString(seedFile) + "  - { mpxn: \"" + added + "\", fuelType: E, supplierMpid: SUPB,"
        + " smart: true, objection: none, address: \"1 New Street, York YO1 1AA\", agents: { MEM: MEMA, DA: DAA, DC: DCA } }\n");
    try (Harness h = Harness.start(data, c -> c.withScenarios(options))) {
      Seed changed = h.sim.engine().pack().seed();
      assertFalse(changed.digest().equals(first.digest()));
      assertEquals(first.meterPoints().size() + 1, changed.meterPoints().size(), "a changed seed is read again");
      assertTrue(h.sim.registrations().meterPoint(added).isPresent(), "and its new meter point put in");
    }

    String wrong = added.substring(0, 12) + (added.charAt(12) - '0' + 1) % 10;
    Files.writeString(seedFile, Files.readString(seedFile).replace(added, wrong));
    long line = Files.readAllLines(seedFile).size();
    ExecutionException refused = assertThrows(ExecutionException.class, () -> Harness.start(data, c -> c.withScenarios(options)));
    assertNotNull(refused.getCause());
    assertTrue(refused.getCause().getMessage().contains("meter-points.yaml:" + line)
        && refused.getCause().getMessage().contains("check digits"), refused.getCause().getMessage());
  }
}
