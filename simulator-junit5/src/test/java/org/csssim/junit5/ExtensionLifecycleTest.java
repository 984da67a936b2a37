package org.csssim.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.csssim.CssSimulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * How long the simulator lives under each way of asking for it, seen from outside: the test
 * classes below are run by the JUnit engine itself (the test kit), each records the ports and
 * data directories its tests were given, and afterwards the port must be closed and the
 * temporary directory gone.
 */
class ExtensionLifecycleTest {
  /** What the example classes saw, in the order their tests ran. */
  static final List<CssSimulator> seen = new CopyOnWriteArrayList<>();
  static final List<Integer> ports = new CopyOnWriteArrayList<>();
  static final List<Path> dirs = new CopyOnWriteArrayList<>();

  static void record(CssSimulator css) {
    seen.add(css);
    ports.add(css.port());
    dirs.add(css.dataDirectory());
  }

  private static void run(Class<?> example) {
    seen.clear();
    ports.clear();
    dirs.clear();
    Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(example)).execute().testEvents();
    tests.assertStatistics(s -> s.failed(0).aborted(0));
    assertTrue(tests.succeeded().count() >= 2, "the example's tests ran: " + tests.succeeded().count());
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void stoppedAndCleaned() {
    for (int port : ports) {
      assertFalse(listening(port), "port " + port + " is closed once the tests are done");
    }
    for (Path dir : dirs) {
      assertFalse(Files.exists(dir), dir + " is deleted once the simulator stopped");
    }
  }

  @CssSimulatorTest
  static class PerClass {
    @BeforeAll
    static void before(CssSimulator css) {
      record(css);
    }

    @Test
    void one(CssSimulator css) {
      record(css);
      assertTrue(listening(css.port()));
    }

    @Test
    void two(CssSimulator css) {
      record(css);
    }

    @Nested
    class Inner {
      @Test
      void sharesTheOuterOne(CssSimulator css) {
        record(css);
      }
    }
  }

  @Test
  void perClassOneSimulatorServesEveryTestAndNestedClassThenStops() {
    run(PerClass.class);
    assertEquals(4, seen.size());
    assertEquals(1, seen.stream().distinct().count(), "one simulator for the class, its nested class included");
    stoppedAndCleaned();
  }

  @CssSimulatorTest(lifecycle = CssSimulatorTest.Lifecycle.PER_METHOD, clockAt = "2027-03-01T09:00:00Z")
  static class PerMethod {
    @Test
    void one(CssSimulator css) {
      record(css);
      assertTrue(!css.clock().now().isBefore(Instant.parse("2027-03-01T09:00:00Z")));
    }

    @Test
    void two(CssSimulator css) {
      record(css);
    }
  }

  @Test
  void perMethodEachTestHasAFreshSimulator() {
    run(PerMethod.class);
    assertEquals(2, seen.size());
    assertNotEquals(seen.get(0), seen.get(1));
    assertNotEquals(ports.get(0), ports.get(1));
    stoppedAndCleaned();
  }

  static class RegisteredStatic {
    @RegisterExtension
    static CssSimulatorExtension css = CssSimulatorExtension.configure(b -> b.clockAt(Instant.parse("2028-01-03T09:00:00Z")));

    @Test
    void one() {
      record(css.simulator());
      assertEquals(2028, css.simulator().clock().now().atZone(java.time.ZoneOffset.UTC).getYear());
    }

    @Test
    void two(CssSimulator injected) {
      record(injected);
      assertEquals(css.simulator(), injected);
    }
  }

  @Test
  void aStaticFieldGivesOneSimulatorWithItsOptions() {
    run(RegisteredStatic.class);
    assertEquals(1, seen.stream().distinct().count());
    stoppedAndCleaned();
  }

  static class RegisteredInstance {
    @RegisterExtension
    CssSimulatorExtension css = CssSimulatorExtension.newInstance();

    @Test
    void one() {
      record(css.simulator());
    }

    @Test
    void two() {
      record(css.simulator());
    }
  }

  @Test
  void anInstanceFieldGivesEachTestItsOwn() {
    run(RegisteredInstance.class);
    assertEquals(2, seen.stream().distinct().count());
    stoppedAndCleaned();
  }
}
