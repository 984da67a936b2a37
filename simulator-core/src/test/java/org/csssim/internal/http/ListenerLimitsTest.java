package org.csssim.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.csssim.testing.Harness;
import org.csssim.testing.RawHttps;
import org.junit.jupiter.api.Test;

/**
 * Slow and greedy clients on real TLS connections: headers that never finish, a body trickled,
 * more connections than allowed. Each is cut off at its limit, counted in /metrics, and the
 * listener keeps serving everyone else.
 */
class ListenerLimitsTest {
  static final String REQUEST_START = "POST /css/v1/switch-requests HTTP/1.1\r\nHost: localhost\r\n";

  private static Harness start(ListenerOptions.Limits limits) throws Exception {
    return Harness.start(c -> c.withListener(c.listener().withLimits(limits)));
  }

  /** Sends {@code text} a byte at a time, every {@code pause}, until the server closes or the text ends. */
  private static void trickle(RawHttps raw, String text, Duration pause) throws Exception {
    for (char c : text.toCharArray()) {
      try {
        raw.send(String.valueOf(c));
      } catch (java.io.IOException closed) {
        return;
      }
      Thread.sleep(pause.toMillis());
    }
  }

  @Test
  void headersTrickledPastTheDefaultTimeoutAreAnswered408AndClosed() throws Exception {
    try (Harness h = Harness.start(); RawHttps raw = RawHttps.open(h)) {
      assertEquals(Duration.ofSeconds(10), h.sim.config().listener().headerTimeout(), "the default configuration.md names");
      long began = System.nanoTime();
      Thread slowloris = new Thread(() -> {
        try {
          trickle(raw, REQUEST_START + "X-Slow: " + "a".repeat(100), Duration.ofMillis(500));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      slowloris.start();
      RawHttps.Answer answer = raw.answer();
      long took = Duration.ofNanos(System.nanoTime() - began).toMillis();
      assertEquals(408, answer.status(), answer.text());
      assertTrue(took >= 9_500 && took < 13_000, "cut off at about 10 s, not before: " + took + " ms");
      assertTrue(raw.closedWithin(2_000));
      slowloris.join();
    }
  }

  @Test
  void aBodyTrickledPastItsTimeoutIsCutOffAndAPromptOneOnTheNextConnectionIsServed() throws Exception {
    try (Harness h = start(new ListenerOptions.Limits(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(30),
        100))) {
      try (RawHttps raw = RawHttps.open(h)) {
        raw.send(REQUEST_START + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n");
        long began = System.nanoTime();
        trickle(raw, "{" + " ".repeat(99), Duration.ofMillis(100));
        RawHttps.Answer answer = raw.answer();
        assertEquals(408, answer.status(), answer.text());
        long took = Duration.ofNanos(System.nanoTime() - began).toMillis();
        assertTrue(took >= 900 && took < 4_000, "cut off at about the 1 s body timeout: " + took + " ms");
        assertTrue(raw.closedWithin(2_000));
      }
      Harness.Response ok = h.send(HttpMethod.GET, "/health", Map.of(), null);
      assertEquals(200, ok.status(), "everyone else is still served");
      String metrics = h.send(HttpMethod.GET, "/metrics", Map.of(), null).body();
      assertTrue(metrics.contains("csssim_connections_closed_total{reason=\"body_timeout\"} 1.0"), metrics);
    }
  }

  @Test
  void aKeptAliveConnectionMayWaitBetweenRequestsLongerThanTheHeaderTimeout() throws Exception {
    try (Harness h = start(new ListenerOptions.Limits(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(30),
        100)); RawHttps raw = RawHttps.open(h)) {
      raw.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
      assertEquals(200, raw.answer().status());
      Thread.sleep(2_000);   // twice the header timeout, well within the idle timeout
      raw.send("GET /version HTTP/1.1\r\nHost: localhost\r\n\r\n");
      assertEquals(200, raw.answer().status(), "the header timer starts at a request's first byte");
    }
  }

  @Test
  void connectionsOverTheLimitAreClosedAtOnceAndOneFreedIsTakenAgain() throws Exception {
    try (Harness h = start(new ListenerOptions.Limits(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30),
        3))) {
      List<RawHttps> held = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          held.add(RawHttps.open(h));
        }
        try (RawHttps over = RawHttps.open(h)) {
          assertTrue(over.closedWithin(3_000), "a fourth connection is closed at once");
        }
        assertFalse(held.get(0).closedWithin(300), "the three held stay open");
        held.remove(0).close();
        Harness.eventually(() -> h.sim.connectionGuard().open() < 3, "the freed connection counted");
        try (RawHttps again = RawHttps.open(h)) {
          again.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
          assertEquals(200, again.answer().status());
        }
      } finally {
        for (RawHttps r : held) {
          r.close();
        }
      }
    }
  }
}
