package org.csssim.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.csssim.Simulator;
import org.csssim.config.Location;
import org.csssim.config.SimulatorConfig;
import org.csssim.delivery.MessageSigner;
import org.csssim.party.Party;
import org.csssim.party.PartyRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How many signed messages per second one instance acknowledges, and with what latency. Every
 * message is rendered from a template and signed before the measured phase, so the figure is
 * the server's, not the signer's. Runs against an in-process simulator on the PIT defaults, or
 * against {@code --target}. A benchmark, not a test: it prints figures and asserts nothing.
 */
@Command(name = "bench-intake", mixinStandardHelpOptions = true,
    description = "Measure acknowledged signed messages per second (and p50/p99) on the intake.")
public final class IntakeBenchmark implements Callable<Integer> {
  @Option(names = "--target", description = "Base URL of a running simulator (default: start one in this process).")
  String target;

  @Option(names = "--data-dir", description = "Data directory holding the test PKI (default: a fresh temporary one).")
  Path dataDir;

  @Option(names = "--as", defaultValue = "SUPA", description = "The physical party to sign as.")
  String as;

  @Option(names = "--event-type", defaultValue = "SwitchRequest", description = "Catalogue type to send.")
  String eventType;

  @Option(names = "--template", description = "Message template (default: the shipped samples/messages/<type>.json).")
  Path template;

  @Option(names = "--requests", defaultValue = "40000", description = "Measured messages.")
  int requests;

  @Option(names = "--warmup", defaultValue = "10000", description = "Messages sent before measuring.")
  int warmup;

  @Option(names = "--concurrency", defaultValue = "64", description = "Messages in flight at once.")
  int concurrency;

  @Option(names = "--connections", defaultValue = "8", description = "HTTPS connections.")
  int connections;

  @Override
  public Integer call() throws Exception {
    BenchLogging.quiet();
    SimulatorConfig config = BenchSimulator.config("css-bench", 0);
    if (dataDir != null) {
      config = config.withDataDir(dataDir.toString());
    }
    Path dir = Path.of(config.dataDir());
    Simulator local = null;
    String base = target;
    if (base == null) {
      local = Simulator.start(config).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
      base = "https://localhost:" + local.port();
    }
    PartyRegistry parties = PartyRegistry.load(config.parties(), dir);
    Party party = parties.party(as).orElseThrow(() -> new IllegalArgumentException("no party " + as));
    var type = org.csssim.catalogue.Catalogue.load(Location.of(config.catalogue(), Path.of(""))).type(eventType)
        .orElseThrow(() -> new IllegalArgumentException("no catalogue type " + eventType));
    String text = template != null ? Files.readString(template)
        : new Location("classpath:samples/messages/" + eventType + ".json").read();

    System.out.printf("Signing %d %s messages as %s (%s)...%n", warmup + requests, eventType, as, party.signing().algorithm());
    MessageTemplate tpl = new MessageTemplate(text.replace("{{sender}}", as), Clock.systemUTC());
    MessageSigner signer = new MessageSigner();
    List<MessageSigner.Signed> messages = new ArrayList<>(warmup + requests);
    for (int i = 0; i < warmup + requests; i++) {
      messages.add(signer.sign(party, tpl.render(i).getBytes(StandardCharsets.UTF_8)));
    }

    Vertx vertx = Vertx.vertx();
    HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions()
            .setTrustOptions(new PemTrustOptions().addCertPath(dir.resolve("pki/ca.crt").toString())).setVerifyHost(true),
        new PoolOptions().setHttp1MaxSize(connections));
    String url = base + type.spec().path();
    try {
      run(client, url, messages.subList(0, warmup), null);
      Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
      Map<Integer, Integer> statuses = new TreeMap<>();
      long start = System.nanoTime();
      run(client, url, messages.subList(warmup, messages.size()), new Recorder(histogram, statuses));
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("%n%d %s in %.2f s: %.0f acknowledged/s (concurrency %d, %d connections, %d cores)%n",
          requests, eventType, seconds, requests / seconds, concurrency, connections, Runtime.getRuntime().availableProcessors());
      System.out.printf("ack latency: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
          ms(histogram, 50), ms(histogram, 90), ms(histogram, 99), ms(histogram, 99.9), histogram.getMaxValue() / 1000.0);
      System.out.println("statuses: " + statuses);
      return statuses.keySet().stream().allMatch(s -> s == 202) ? 0 : 1;
    } finally {
      client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      if (local != null) {
        local.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    }
  }

  private record Recorder(Histogram histogram, Map<Integer, Integer> statuses) {}

  private static double ms(Histogram h, double percentile) {
    return h.getValueAtPercentile(percentile) / 1000.0;
  }

  /** Keeps {@code concurrency} messages in flight until all are answered. */
  private void run(HttpClientAgent client, String url, List<MessageSigner.Signed> batch, Recorder recorder) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    Promise<Void> finished = Promise.promise();
    Runnable[] sendOne = new Runnable[1];
    sendOne[0] = () -> {
      int i = next.getAndIncrement();
      if (i >= batch.size()) {
        return;
      }
      MessageSigner.Signed m = batch.get(i);
      long t0 = System.nanoTime();
      RequestOptions opts = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
          .putHeader("Content-Type", m.contentType());
      m.headers().forEach(opts::putHeader);
      client.request(opts).compose(r -> r.send(Buffer.buffer(m.body())).compose(resp -> resp.body().map(resp.statusCode())))
          .onComplete(ar -> {
            if (recorder != null) {
              recorder.histogram().recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
              synchronized (recorder.statuses()) {
                recorder.statuses().merge(ar.succeeded() ? ar.result() : -1, 1, Integer::sum);
              }
            }
            if (done.incrementAndGet() == batch.size()) {
              finished.tryComplete();
            } else {
              sendOne[0].run();
            }
          });
    };
    for (int c = 0; c < Math.min(concurrency, batch.size()); c++) {
      sendOne[0].run();
    }
    Future<Void> f = finished.future();
    f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
  }
}
