package org.csssim.bench;

import io.vertx.core.Future;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.csssim.internal.config.SimulatorConfig;
import org.csssim.internal.journal.JournalOptions;
import org.csssim.internal.message.Message;
import org.csssim.internal.message.MessageTemplate;
import org.csssim.internal.registration.MeterPoint;
import org.csssim.internal.routing.Routed;
import org.csssim.internal.runtime.Simulator;
import org.csssim.internal.unit.Unit;
import org.csssim.internal.yaml.Location;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How many switch instances with pending timers one simulator holds per GiB of heap. Seeds
 * {@code --count} meter points, starts a CSS switch for each (simulated supplier SUPC gaining
 * from SUPB, as the intake would hand it over), so each instance waits in its objection window
 * on a timer; then compares the heap in use after a full GC with the heap before the switches.
 * The journal is kept small so it does not count; the registration each switch records does.
 */
@Command(name = "bench-instances", mixinStandardHelpOptions = true,
    description = "Measure live switch instances with pending timers held per GiB of heap.")
public final class InstanceBenchmark implements Callable<Integer> {
  @Option(names = "--count", defaultValue = "200000", description = "Switch instances to start.")
  int count;

  @Option(names = "--histogram", description = "Also print the classes that take the most heap, after the run.")
  boolean histogram;

  @Override
  public Integer call() throws Exception {
    BenchLogging.quiet();
    SimulatorConfig config = BenchSimulator.config("css-bench-instances", 1).withJournal(new JournalOptions(1000, null));
    Simulator sim = Simulator.start(config).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    try {
      Simulator s = sim;
      // the message from the shipped sample, the meter points as the reference pack's seed writes them
      var switchType = s.catalogue().type("SwitchRequest").orElseThrow();
      MessageTemplate template = new MessageTemplate(new Location("classpath:samples/messages/SwitchRequest.json").read(), s.clock());
      for (int i = 0; i < count; i++) {
        Unit seeding = s.units().begin();
        s.registrations().putMeterPoint(new MeterPoint(MessageTemplate.mpanCore(i), Map.of("fuelType", "E",
            "supplierMpid", "SUPB", "objection", "none", "smart", false, "agents", Map.of("MEM", "MEMA", "DA", "DAA", "DC", "DCA"))),
            seeding);
        seeding.commit();
      }
      long before = usedAfterGc();
      long start = System.nanoTime();
      int batch = 1000;
      for (int i = 0; i < count; i += batch) {
        List<Future<?>> pending = new ArrayList<>();
        for (int j = i; j < Math.min(count, i + batch); j++) {
          // as the intake hands an accepted message to the router: the unit (its inbox entry) committed first
          var m = Message.of(template.render(j, Map.of("sender", "SUPC")).json());
          Unit unit = s.units().begin();
          pending.add(s.router().accept(new Routed(switchType.eventType(), m, "SUPC", "CSS", switchType.keysOf(m.tree()),
              switchType.ackIds(m.tree()), true, java.time.Instant.now()), unit));
          unit.commit();
        }
        Future.all(pending).toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
        // and the messages they handed to simulated parties, so the backlog stays one batch deep
        s.timers().settle().toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long live = s.engine().liveNow();
      int timers = s.timers().owner() == null ? 0 : pendingTimers(s);
      long after = usedAfterGc();
      double perInstance = (after - before) / (double) live;
      System.out.printf("%d switch instances started in %.1f s (%.0f/s); %d live, %d timers pending%n",
          count, seconds, count / seconds, live, timers);
      System.out.printf("heap in use after full GC: %.1f MiB before, %.1f MiB after: %.0f bytes per live instance%n",
          before / 1048576.0, after / 1048576.0, perInstance);
      System.out.printf("=> %.0f switch instances with pending timers per GiB of heap (max heap %d MiB)%n",
          (1L << 30) / perInstance, Runtime.getRuntime().maxMemory() / 1048576);
      if (histogram) {
        String h = (String) ManagementFactory.getPlatformMBeanServer().invoke(
            new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
            new Object[] {null}, new String[] {String[].class.getName()});
        h.lines().limit(30).forEach(System.out::println);
      }
      return live == count ? 0 : 1;
    } finally {
      sim.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static int pendingTimers(Simulator s) throws Exception {
    java.util.concurrent.CompletableFuture<Integer> f = new java.util.concurrent.CompletableFuture<>();
    s.timers().owner().runOnContext(v -> f.complete(s.timers().pending()));
    return f.get(1, TimeUnit.MINUTES);
  }

  private static long usedAfterGc() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(200);
    }
    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return heap.getUsed();
  }
}
