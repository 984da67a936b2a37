package org.csssim.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Sends a batch of signed messages to the target as the profile makes them due, with at most
 * {@code maxInFlight} unanswered (what is due beyond that waits, and its wait counts in its
 * latency). A message that does not get through (no connection, 502/503/504) is sent again with
 * the same bytes, so the same eventId, up to {@code retries} times with a growing pause, as a
 * participant's system would. Everything runs on one Vert.x context, so the bookkeeping needs no locks; the counters
 * the progress line reads are atomic.
 */
final class Injector {
  /** The first resend waits this long, each next one twice as long, up to {@link #MAX_RETRY_DELAY_MS}: long enough to ride out a restart. */
  private static final long RETRY_DELAY_MS = 250;
  private static final long MAX_RETRY_DELAY_MS = 5000;

  /** Figures of one batch, read live by the progress line and at the end by the report. */
  static final class Stats {
    final AtomicLong started = new AtomicLong();
    final AtomicLong answered = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong retried = new AtomicLong();
    final AtomicLong due = new AtomicLong();
    final Map<String, Long> errors = new ConcurrentHashMap<>();
    /** From when each message fell due to its answer: what a participant's system would see. */
    final Histogram ackLatency = Reconciler.histogram();
    /** From the moment it went on the wire to its answer: the target's service time. */
    final Histogram serviceTime = Reconciler.histogram();
    final Map<Long, Histogram> windows = new TreeMap<>();
    final long windowNanos;
    volatile long startNanos;
    volatile long endNanos;

    Stats(long windowNanos) {
      this.windowNanos = windowNanos;
    }

    long inFlight() {
      return started.get() - answered.get();
    }

    double seconds() {
      return ((endNanos == 0 ? System.nanoTime() : endNanos) - startNanos) / 1e9;
    }
  }

  private final Vertx vertx;
  private final HttpClientAgent client;
  private final String base;
  private final int maxInFlight;
  private final int retries;

  Injector(Vertx vertx, HttpClientAgent client, String base, int maxInFlight, int retries) {
    this.vertx = vertx;
    this.client = client;
    this.base = base;
    this.maxInFlight = maxInFlight;
    this.retries = retries;
  }

  /** Sends {@code batch} as {@code profile} offers it; completes once every message has its final answer. */
  Future<Void> run(List<Ledger.Input> batch, LoadProfile profile, Stats stats) {
    Promise<Void> done = Promise.promise();
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> new Run(batch, profile, stats, done).begin());
    return done.future();
  }

  private final class Run {
    final List<Ledger.Input> batch;
    final LoadProfile profile;
    final Stats stats;
    final Promise<Void> done;
    int nextDue;   // messages [0, nextDue) have fallen due
    int nextSend;  // messages [0, nextSend) have been sent
    long timer = -1;

    Run(List<Ledger.Input> batch, LoadProfile profile, Stats stats, Promise<Void> done) {
      this.batch = batch;
      this.profile = profile;
      this.stats = stats;
      this.done = done;
    }

    void begin() {
      stats.startNanos = System.nanoTime();
      if (batch.isEmpty()) {
        finish();
        return;
      }
      if (!profile.isClosed()) {
        timer = vertx.setPeriodic(1, t -> tick());
      }
      tick();
    }

    void tick() {
      long now = System.nanoTime();
      long due = profile.isClosed() ? batch.size()
          : Math.min(batch.size(), profile.dueBy((now - stats.startNanos) / 1e9));
      while (nextDue < due) {
        // closed loop: a message falls due when a slot frees, which is when it is sent
        if (!profile.isClosed()) {
          batch.get(nextDue).dueNanos = now;
        }
        nextDue++;
      }
      stats.due.set(nextDue);
      while (nextSend < nextDue && stats.inFlight() < maxInFlight) {
        Ledger.Input in = batch.get(nextSend++);
        if (profile.isClosed()) {
          in.dueNanos = now;
        }
        stats.started.incrementAndGet();
        send(in);
      }
      if (nextSend == batch.size() && timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    }

    void send(Ledger.Input in) {
      in.attempts++;
      long sentAt = System.nanoTime();
      RequestOptions opts = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(base + in.path)
          .putHeader("Content-Type", in.signed.contentType());
      in.signed.headers().forEach(opts::putHeader);
      // body() inside the send callback: chained outside it, the body can be gone before it is read
      client.request(opts)
          .compose(r -> r.send(Buffer.buffer(in.signed.body())).compose(resp -> resp.body()
              .map(b -> new Object[] {resp.statusCode(), b})))
          .onComplete(ar -> {
            int status = ar.succeeded() ? (Integer) ar.result()[0] : -1;
            if ((status == -1 || status == 502 || status == 503 || status == 504) && in.attempts <= retries) {
              stats.retried.incrementAndGet();
              vertx.setTimer(Math.min(MAX_RETRY_DELAY_MS, RETRY_DELAY_MS << Math.min(10, in.attempts - 1)), t -> send(in));
              return;
            }
            in.status = status;
            long answeredAt = System.nanoTime();
            if (status == 202) {
              stats.accepted.incrementAndGet();
            } else {
              stats.failed.incrementAndGet();
              in.errorCode = status == -1 ? "transport: " + ar.cause().getClass().getSimpleName() + " " + ar.cause().getMessage()
                  : errorCode((Buffer) ar.result()[1]);
              stats.errors.merge(status == -1 ? in.errorCode : status + " " + in.errorCode, 1L, Long::sum);
            }
            long latency = Math.max(1, TimeUnit.NANOSECONDS.toMicros(answeredAt - in.dueNanos));
            stats.ackLatency.recordValue(latency);
            stats.serviceTime.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(answeredAt - sentAt)));
            stats.windows.computeIfAbsent((answeredAt - stats.startNanos) / stats.windowNanos, k -> Reconciler.histogram())
                .recordValue(latency);
            if (stats.answered.incrementAndGet() == batch.size()) {
              finish();
            } else {
              tick();
            }
          });
    }

    void finish() {
      stats.endNanos = System.nanoTime();
      done.tryComplete();
    }
  }

  /** The first error code of a Rejected answer, or what the body was when it was not one. */
  private static String errorCode(Buffer body) {
    try {
      return new JsonObject(body).getJsonArray("errors").getJsonObject(0).getString("code");
    } catch (RuntimeException e) {
      String text = body.toString();
      return text.isEmpty() ? "(empty body)" : "(" + text.substring(0, Math.min(60, text.length())) + ")";
    }
  }
}
