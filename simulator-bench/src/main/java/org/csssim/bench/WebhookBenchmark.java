package org.csssim.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.csssim.internal.config.SimulatorConfig;
import org.csssim.internal.delivery.DeliveryOptions;
import org.csssim.internal.delivery.MessageSigner;
import org.csssim.internal.delivery.Subscription;
import org.csssim.internal.journal.JournalOptions;
import org.csssim.internal.message.Message;
import org.csssim.internal.message.MessageTemplate;
import org.csssim.internal.party.Party;
import org.csssim.internal.routing.Routed;
import org.csssim.internal.runtime.Simulator;
import org.csssim.internal.unit.Unit;
import org.csssim.internal.yaml.Location;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Signed webhooks delivered per second to a loopback HTTPS receiver, beside the raw rate at
 * which this machine signs with the same key (every webhook is signed, so that is the ceiling).
 * Messages from CSS to SUPA, each for its own MPxN so delivery may run them side by side.
 */
@Command(name = "bench-webhooks", mixinStandardHelpOptions = true,
    description = "Measure signed webhooks delivered per second against the raw signing rate.")
public final class WebhookBenchmark implements Callable<Integer> {
  @Option(names = "--count", defaultValue = "100000", description = "Webhooks to deliver and time.")
  int count;

  // On two cores the JIT compiles for some 20 s of delivery: a warm-up of a tenth of a short run
  // measured mostly the compiler (20,000 gave 2,100/s, 300,000 gave 9,400/s on one machine).
  @Option(names = "--warmup", defaultValue = "100000",
      description = "Webhooks delivered first, untimed, so the JIT has compiled the path.")
  int warmup;

  @Option(names = "--concurrency", defaultValue = "64", description = "delivery.concurrencyPerParty")
  int concurrency;

  @Override
  public Integer call() throws Exception {
    BenchLogging.quiet();
    SimulatorConfig config = BenchSimulator.config("css-bench-webhooks", 1).withJournal(new JournalOptions(1000, null))
        .withDelivery(new DeliveryOptions(3, Duration.ofMillis(100), Duration.ofSeconds(1), concurrency, false));
    Path dir = Path.of(config.dataDir());
    Simulator sim = Simulator.start(config).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    Vertx receiverVertx = Vertx.vertx();
    AtomicLong received = new AtomicLong();
    HttpServer receiver = receiverVertx.createHttpServer(new HttpServerOptions().setSsl(true).setHost("127.0.0.1").setPort(0)
            .setKeyCertOptions(new PemKeyCertOptions().setCertPath(dir.resolve("pki/tls.crt").toString())
                .setKeyPath(dir.resolve("pki/tls.key").toString())))
        .requestHandler(req -> req.body().onSuccess(b -> {
          received.incrementAndGet();
          req.response().setStatusCode(204).end();
        }))
        .listen().toCompletionStage().toCompletableFuture().get();
    try {
      Simulator s = sim;
      s.subscriptions().add(new Subscription(UUID.randomUUID().toString(), "SUPA", "https://localhost:" + receiver.actualPort()
          + "/hook", Set.of(), Instant.now(), "bench"), "bench", "benchmark");
      Party css = s.parties().get().party("CSS").orElseThrow();
      MessageTemplate template = new MessageTemplate(
          new Location("classpath:samples/messages/RegistrationPendingNotification.json").read(),
          s.clock());
      deliver(s, template, warmup, received, 0);
      CpuSplit cpu = CpuSplit.now();
      long start = System.nanoTime();
      deliver(s, template, count, received, warmup);
      double seconds = (System.nanoTime() - start) / 1e9;
      String split = cpu.since();
      double webhooks = count / seconds;

      byte[] body = message(template, 0).body();
      double oneThread = signingRate(css, body, 1);
      double allThreads = signingRate(css, body, Runtime.getRuntime().availableProcessors());
      System.out.printf("%d signed webhooks delivered in %.2f s, after %d untimed: %.0f/s (%s, concurrency %d, %d cores)%n",
          count, seconds, warmup, webhooks, css.signing().algorithm(), concurrency, Runtime.getRuntime().availableProcessors());
      System.out.println("CPU while timed: " + split);
      System.out.printf("raw %s signing of the same body: %.0f/s on one thread, %.0f/s on %d threads%n",
          css.signing().algorithm(), oneThread, allThreads, Runtime.getRuntime().availableProcessors());
      System.out.printf("=> delivery runs at %.0f%% of the machine's raw signing rate (%.0f%% of one thread's)%n",
          100 * webhooks / allThreads, 100 * webhooks / oneThread);
      return 0;
    } finally {
      receiver.close();
      receiverVertx.close();
      sim.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static void deliver(Simulator s, MessageTemplate template, int n, AtomicLong received, long already)
      throws Exception {
    for (int i = 0; i < n; i++) {
      Unit unit = s.units().begin();
      s.delivery().take(message(template, already + i), unit);
      unit.commit();
    }
    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (received.get() < already + n && System.nanoTime() < end) {
      Thread.sleep(5);
    }
  }

  /** A message for SUPA from the shipped sample, each for its own MPxN so the lanes run side by side. */
  private static Routed message(MessageTemplate template, long i) {
    Message m = Message.of(template.render(i, Map.of("sender", "CSS")).json());
    return Routed.sent(m, "SUPA", Map.of("mpxn", m.tree().at("/data/mpxn").asText()), Instant.now());
  }


  /** Signatures per second with the party's key over {@code body}, on {@code threads} threads for 3 s. */
  private static double signingRate(Party party, byte[] body, int threads) throws InterruptedException {
    MessageSigner signer = new MessageSigner();
    for (int i = 0; i < 2000; i++) {
      signer.sign(party, body);
    }
    AtomicLong n = new AtomicLong();
    CountDownLatch done = new CountDownLatch(threads);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    for (int t = 0; t < threads; t++) {
      new Thread(() -> {
        while (System.nanoTime() < end) {
          signer.sign(party, body);
          n.incrementAndGet();
        }
        done.countDown();
      }).start();
    }
    done.await();
    return n.get() / 3.0;
  }
}
