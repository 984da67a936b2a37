package org.csssim.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The dashboard's live figures, one sample a second for the last 15 minutes, read from the
 * registry /metrics serves: messages in and out a second, rejections a second by code,
 * webhook delivery latency (p50 and p99 of the attempts of the last minute or so, as the
 * timer's decaying window has them), and each party's backlog and dead letters. Kept in
 * memory only: a chart of the last minutes, not a history.
 */
public final class LiveStats {
  public static final int KEPT = 15 * 60;

  private final MeterRegistry registry;
  private final ArrayDeque<JsonObject> samples = new ArrayDeque<>();
  private final List<Consumer<JsonObject>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private double lastIn = -1;
  private double lastOut;
  private Map<String, Double> lastRejections = Map.of();

  public LiveStats(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Takes one sample (every second, from a timer); listeners hear of it. */
  public void sample(long atMillis) {
    double in = sum("csssim_messages_in");
    double out = sum("csssim_messages_out");
    Map<String, Double> rejections = new TreeMap<>();
    registry.find("csssim_rejections").counters().forEach(c -> rejections.merge(c.getId().getTag("code"), c.count(), Double::sum));
    JsonObject s = new JsonObject().put("at", atMillis);
    if (lastIn >= 0) {
      s.put("in", in - lastIn).put("out", out - lastOut);
      JsonObject byCode = new JsonObject();
      rejections.forEach((code, n) -> {
        double d = n - lastRejections.getOrDefault(code, 0.0);
        if (d > 0) {
          byCode.put(code, d);
        }
      });
      s.put("rejections", byCode);
    } else {
      s.put("in", 0).put("out", 0).put("rejections", new JsonObject());
    }
    lastIn = in;
    lastOut = out;
    lastRejections = rejections;
    Timer latency = registry.find("csssim_delivery_latency").timer();
    if (latency != null) {
      for (ValueAtPercentile p : latency.takeSnapshot().percentileValues()) {
        s.put(p.percentile() == 0.5 ? "latencyP50Ms" : "latencyP99Ms", p.value(TimeUnit.MILLISECONDS));
      }
    }
    JsonObject parties = new JsonObject();
    gauges("csssim_delivery_backlog", parties, "backlog");
    gauges("csssim_delivery_dead_letters", parties, "deadLetters");
    s.put("parties", parties);
    synchronized (samples) {
      samples.addLast(s);
      while (samples.size() > KEPT) {
        samples.removeFirst();
      }
    }
    listeners.forEach(l -> l.accept(s));
  }

  public JsonArray history() {
    synchronized (samples) {
      return new JsonArray(List.copyOf(samples));
    }
  }

  /** Hears of every sample from now on; the returned handle stops it. */
  public Runnable listen(Consumer<JsonObject> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  private double sum(String name) {
    return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
  }

  private void gauges(String name, JsonObject parties, String field) {
    for (Gauge g : registry.find(name).gauges()) {
      String party = g.getId().getTag("party");
      JsonObject p = parties.getJsonObject(party);
      if (p == null) {
        p = new JsonObject();
        parties.put(party, p);
      }
      p.put(field, g.value());
    }
  }
}
