package org.csssim.internal.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.csssim.testing.ManualClock;
import org.junit.jupiter.api.Test;

class SimulatorClockTest {
  final ManualClock real = new ManualClock(Instant.parse("2026-11-23T09:00:00Z"));
  final SimulatorClock clock = new SimulatorClock(real);

  @Test
  void startsAsRealTime() {
    assertEquals(real.instant(), clock.instant());
    assertEquals(SimulatorClock.Mode.real, clock.mode());
    real.pass(Duration.ofSeconds(5));
    assertEquals(real.instant(), clock.instant());
  }

  @Test
  void advanceShiftsAndKeepsRunning() {
    clock.advance(Duration.ofDays(14));
    assertEquals(SimulatorClock.Mode.offset, clock.mode());
    assertEquals(Instant.parse("2026-12-07T09:00:00Z"), clock.instant());
    real.pass(Duration.ofMinutes(1));
    assertEquals(Instant.parse("2026-12-07T09:01:00Z"), clock.instant());
  }

  @Test
  void setGoesToAnInstantEarlierOrLater() {
    clock.set(Instant.parse("2026-01-01T00:00:00Z"));
    assertEquals(Instant.parse("2026-01-01T00:00:00Z"), clock.instant());
    clock.set(Instant.parse("2027-06-01T12:00:00Z"));
    assertEquals(Instant.parse("2027-06-01T12:00:00Z"), clock.instant());
  }

  @Test
  void speedScalesFromTheCurrentInstantWithoutAJump() {
    clock.speed(60);
    assertEquals(real.instant(), clock.instant(), "changing speed does not move time");
    assertEquals(SimulatorClock.Mode.scaled, clock.mode());
    real.pass(Duration.ofSeconds(10));
    assertEquals(Instant.parse("2026-11-23T09:10:00Z"), clock.instant(), "10 real seconds at 60x are 10 minutes");
    clock.speed(1);
    real.pass(Duration.ofSeconds(10));
    assertEquals(Instant.parse("2026-11-23T09:10:10Z"), clock.instant());
    assertEquals(SimulatorClock.Mode.offset, clock.mode());
  }

  @Test
  void aZonedViewReadsTheSimulatedInstant() {
    clock.advance(Duration.ofDays(2));
    var london = clock.withZone(ZoneId.of("Europe/London"));
    assertEquals(clock.instant(), london.instant());
    assertEquals(ZoneId.of("Europe/London"), london.getZone());
  }

  @Test
  void resetReturnsToWallClockTime() {
    clock.advance(Duration.ofDays(3));
    clock.speed(10);
    clock.reset();
    assertEquals(real.instant(), clock.instant());
    assertEquals(SimulatorClock.Mode.real, clock.mode());
  }

  @Test
  void refusesBackwardsAdvanceAndSillySpeeds() {
    assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofHours(-1)));
    assertThrows(IllegalArgumentException.class, () -> clock.speed(0));
    assertThrows(IllegalArgumentException.class, () -> clock.speed(-2));
    assertThrows(IllegalArgumentException.class, () -> clock.speed(Double.NaN));
  }
}
