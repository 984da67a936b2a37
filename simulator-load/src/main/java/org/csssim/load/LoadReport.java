package org.csssim.load;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.csssim.internal.json.Json;

/**
 * A run's figures and its reconciliation, as JSON (for a pipeline) and as text (for a person).
 * Both come from the same tree, so they cannot disagree.
 */
public final class LoadReport {
  private static final ObjectWriter INDENTED = Json.MAPPER.writerWithDefaultPrettyPrinter();

  /** Something that happened to the run, such as a restart of the target. */
  public record Event(double second, String what) {}

  private final ObjectNode tree;
  private final boolean passed;

  LoadReport(LoadRun.Plan plan, Injector.Stats stats, Injector.Stats warmup, Reconciler.Result r, long callbacks,
             long clockAdvancedNanos, List<Event> events) {
    this.passed = r.passed();
    tree = Json.MAPPER.createObjectNode();
    tree.put("target", plan.target()).put("as", plan.as().mpid()).put("profile", plan.profile().toString())
        .put("cores", Runtime.getRuntime().availableProcessors()).put("maxInFlight", plan.maxInFlight())
        .put("connections", plan.connections()).put("warmup", plan.warmup());
    ObjectNode mix = tree.putObject("mix");
    plan.mix().forEach(mix::put);
    ObjectNode run = tree.putObject("run");
    run.put("messages", stats.started.get()).put("accepted", stats.accepted.get()).put("failed", stats.failed.get())
        .put("retried", stats.retried.get()).put("seconds", round(stats.seconds()))
        .put("answeredPerSecond", round(stats.answered.get() / stats.seconds()))
        .put("acceptedPerSecond", round(stats.accepted.get() / stats.seconds()));
    run.set("ackLatencyMs", percentiles(stats.ackLatency));
    run.set("serviceTimeMs", percentiles(stats.serviceTime));
    ObjectNode errors = run.putObject("errors");
    stats.errors.forEach(errors::put);
    ObjectNode windows = run.putObject("windowsMs");
    windows.put("seconds", plan.window().toSeconds());
    var list = windows.putArray("windows");  // answered, p50 and p99 (ms) of each window
    stats.windows.forEach((i, h) -> list.addObject().put("from", i * plan.window().toSeconds()).put("answered", h.getTotalCount())
        .put("p50", ms(h, 50)).put("p99", ms(h, 99)));
    if (warmup.started.get() > 0) {
      tree.putObject("warmupRun").put("messages", warmup.started.get()).put("accepted", warmup.accepted.get());
    }
    // whole flows per second: from the first message to the last notification any of them brought
    ObjectNode flows = tree.putObject("flows");
    if (r.lastArrivalNanos() > 0) {
      double s = (r.lastArrivalNanos() - stats.startNanos) / 1e9;
      flows.put("messages", stats.started.get()).put("secondsToLastNotification", round(s))
          .put("perSecond", round(stats.started.get() / s));
    }
    if (r.lastAfterClockArrivalNanos() > 0) {
      flows.put("afterClockSecondsToLastNotification", round((r.lastAfterClockArrivalNanos() - clockAdvancedNanos) / 1e9));
    }
    ObjectNode notifications = tree.putObject("notificationLatencyMs");
    r.latencyByKind().forEach((kind, h) -> notifications.set(kind, percentiles(h)));
    ObjectNode rec = tree.putObject("reconciliation");
    rec.put("passed", r.passed()).put("expectations", plan.expectations().source()).put("inputs", r.inputs())
        .put("accepted", r.accepted()).put("notAccepted", r.notAccepted()).put("complete", r.complete())
        .put("missing", r.missing()).put("duplicates", r.duplicates()).put("redelivered", r.redelivered()).put("unexpected", r.unexpected())
        .put("badSignatures", r.badSignatures()).put("callbacksReceived", callbacks);
    ObjectNode missing = rec.putObject("missingByType");
    r.missingByType().forEach(missing::put);
    ObjectNode unexpected = rec.putObject("unexpectedByType");
    r.unexpectedByType().forEach(unexpected::put);
    r.examples().forEach(rec.putArray("examples")::add);
    var ev = tree.putArray("events");
    events.forEach(e -> ev.addObject().put("second", round(e.second())).put("what", e.what()));
  }

  public boolean passed() {
    return passed;
  }

  public ObjectNode json() {
    return tree;
  }

  public String toJson() {
    try {
      return INDENTED.writeValueAsString(tree);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public String toText() {
    StringBuilder s = new StringBuilder();
    var run = tree.get("run");
    s.append(String.format("%nLoad run against %s as %s: %s, %d cores, at most %d in flight on %d connections%n",
        tree.get("target").asText(), tree.get("as").asText(), tree.get("profile").asText(), tree.get("cores").asInt(),
        tree.get("maxInFlight").asInt(), tree.get("connections").asInt()));
    s.append(String.format("  %,d messages in %.2f s: %,.0f accepted/s (%,d accepted, %,d failed, %,d retries)%n",
        run.get("messages").asLong(), run.get("seconds").asDouble(), run.get("acceptedPerSecond").asDouble(),
        run.get("accepted").asLong(), run.get("failed").asLong(), run.get("retried").asLong()));
    s.append("  ack latency (from when due)  ").append(line(run.get("ackLatencyMs"))).append('\n');
    s.append("  ack service time (on wire)   ").append(line(run.get("serviceTimeMs"))).append('\n');
    run.get("errors").fields().forEachRemaining(e -> s.append(String.format("  error %-40s %,d%n", e.getKey(), e.getValue().asLong())));
    var flows = tree.get("flows");
    if (flows.has("perSecond")) {
      s.append(String.format("  flows: %,d messages and every notification they brought in %.2f s: %,.0f/s%n",
          flows.get("messages").asLong(), flows.get("secondsToLastNotification").asDouble(), flows.get("perSecond").asDouble()));
    }
    if (flows.has("afterClockSecondsToLastNotification")) {
      s.append(String.format("  after the clock moved: the last notification in %.2f s%n",
          flows.get("afterClockSecondsToLastNotification").asDouble()));
    }
    tree.get("notificationLatencyMs").fields().forEachRemaining(e ->
        s.append(String.format("  %-46s %s%n", e.getKey(), line(e.getValue()))));
    tree.get("events").forEach(e -> s.append(String.format("  at %.1f s: %s%n", e.get("second").asDouble(), e.get("what").asText())));
    var rec = tree.get("reconciliation");
    s.append(String.format("Reconciliation (%s): %s%n", rec.get("expectations").asText(), rec.get("passed").asBoolean()
        ? "PASSED" : "FAILED"));
    s.append(String.format("  %,d inputs, %,d accepted, %,d not accepted, %,d complete; %,d missing, %,d duplicated, "
            + "%,d redelivered, %,d unexpected, %,d bad signatures (%,d callbacks)%n",
        rec.get("inputs").asInt(), rec.get("accepted").asInt(), rec.get("notAccepted").asInt(), rec.get("complete").asInt(),
        rec.get("missing").asInt(), rec.get("duplicates").asInt(), rec.get("redelivered").asInt(), rec.get("unexpected").asInt(),
        rec.get("badSignatures").asInt(), rec.get("callbacksReceived").asLong()));
    rec.get("missingByType").fields().forEachRemaining(e -> s.append(String.format("  missing %-44s %,d%n", e.getKey(), e.getValue().asInt())));
    rec.get("unexpectedByType").fields().forEachRemaining(e -> s.append(String.format("  unexpected %-41s %,d%n", e.getKey(), e.getValue().asInt())));
    rec.get("examples").forEach(e -> s.append("    e.g. ").append(e.asText()).append('\n'));
    return s.toString();
  }

  private static String line(com.fasterxml.jackson.databind.JsonNode p) {
    return String.format("n %,d  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  max %.2f ms", p.get("count").asLong(),
        p.get("p50").asDouble(), p.get("p90").asDouble(), p.get("p99").asDouble(), p.get("p99_9").asDouble(), p.get("max").asDouble());
  }

  private static ObjectNode percentiles(Histogram h) {
    return Json.MAPPER.createObjectNode().put("count", h.getTotalCount()).put("p50", ms(h, 50)).put("p90", ms(h, 90))
        .put("p99", ms(h, 99)).put("p99_9", ms(h, 99.9)).put("max", round(h.getMaxValue() / 1000.0));
  }

  private static double ms(Histogram h, double percentile) {
    return round(h.getValueAtPercentile(percentile) / 1000.0);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
