package org.csssim.internal.scenario;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.csssim.internal.json.Json;

/**
 * A live instance written down for the store, and read back after a restart: who it is, its
 * variables, the message that started it, and where it stands (its stack of step lists with
 * the next step of each, named by {@link StepIndex}, and the wait it is in with its deadline).
 * Maps go as JSON text, so the values scripts see come back as they were written.
 */
final class InstanceState {
  private InstanceState() {}

  static JsonObject of(Instance i, StepIndex index) {
    JsonArray stack = new JsonArray();
    // bottom of the stack first; frames whose steps have all run are dropped (they would pop)
    Iterator<Instance.Frame> frames = i.stack.descendingIterator();
    while (frames.hasNext()) {
      Instance.Frame f = frames.next();
      if (f.next < f.steps.size()) {
        stack.add(new JsonObject().put("list", index.name(f.steps)).put("next", f.next));
      }
    }
    return new JsonObject().put("id", i.id).put("scenario", i.scenario.name()).put("key", i.key)
        .put("actingMpid", i.actingMpid).put("actingRole", i.actingRole)
        .put("trigger", i.triggerJson() == null ? null : new String(i.triggerJson(), StandardCharsets.UTF_8))
        .put("ack", text(new LinkedHashMap<String, Object>(i.ack))).put("params", text(i.params)).put("vars", text(i.vars))
        .put("correlationId", i.correlationId).put("started", i.started.toString()).put("updated", i.updated.toString())
        .put("status", i.status.name()).put("jumped", i.jumped).put("saves", i.saves).put("stack", stack)
        .put("waiting", i.waiting == null ? null : index.waitName(i.waiting))
        .put("waitingUntil", i.waitingUntil == null ? null : i.waitingUntil.toString());
  }

  /** The instance as it was, or an exception saying why it cannot be (its scenario changed). */
  static Instance restore(JsonObject j, Scenario scenario, StepIndex index) {
    Map<String, String> ack = new LinkedHashMap<>();
    map(j.getString("ack")).forEach((k, v) -> ack.put(k, String.valueOf(v)));
    Instance i = new Instance(j.getString("id"), scenario, j.getString("key"), j.getString("actingMpid"),
        j.getString("actingRole"), j.getString("trigger") == null ? null : j.getString("trigger").getBytes(StandardCharsets.UTF_8), Map.copyOf(ack),
        map(j.getString("params")), j.getString("correlationId"), Instant.parse(j.getString("started")));
    i.vars.putAll(map(j.getString("vars")));
    i.updated = Instant.parse(j.getString("updated"));
    i.status = Instance.Status.valueOf(j.getString("status"));
    i.jumped = j.getBoolean("jumped", false);
    i.saves = j.getInteger("saves", 0);
    List<Instance.Frame> frames = new ArrayList<>();
    for (Object o : j.getJsonArray("stack")) {
      JsonObject f = (JsonObject) o;
      List<Step> steps = index.list(f.getString("list"));
      int next = f.getInteger("next");
      if (steps == null || next > steps.size()) {
        throw new IllegalStateException("scenario " + scenario.name() + " no longer has the steps " + f.getString("list")
            + " the instance stood at");
      }
      Instance.Frame frame = new Instance.Frame(steps);
      frame.next = next;
      frames.add(frame);
    }
    i.stack = new ArrayDeque<>(Math.max(2, frames.size()));
    frames.forEach(i.stack::push);   // bottom first, so the last pushed is the top
    String waiting = j.getString("waiting");
    if (waiting != null) {
      i.waiting = index.waitAt(waiting);
      if (i.waiting == null) {
        throw new IllegalStateException("scenario " + scenario.name() + " no longer has the wait " + waiting);
      }
      String until = j.getString("waitingUntil");
      i.waitingUntil = until == null ? null : Instant.parse(until);
    }
    return i;
  }

  private static String text(Map<String, Object> m) {
    return new String(Json.bytes(m), StandardCharsets.UTF_8);
  }

  private static Map<String, Object> map(String json) {
    return json == null ? new LinkedHashMap<>() : new LinkedHashMap<>(Json.map(json.getBytes(StandardCharsets.UTF_8)));
  }
}
