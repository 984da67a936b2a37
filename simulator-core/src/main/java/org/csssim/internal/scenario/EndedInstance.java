package org.csssim.internal.scenario;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;

/**
 * What the operator's view keeps of an ended instance: its view, with its variables as one
 * array of JSON. The recently ended are kept for minutes on a busy simulator, and a young
 * collection copies what it keeps until it is promoted: the whole instance (its maps, stack and
 * trigger, some forty objects) was about a third of what each young pause copied. The variables
 * are encoded as the admin API would show them.
 */
record EndedInstance(String id, String scenario, String key, String actsAs, String status, String outcome, String error,
                     String correlationId, Instant started, Instant updated, byte[] vars) {

  static EndedInstance of(Instance i) {
    return new EndedInstance(i.id, i.scenario.name(), i.key, i.actingMpid, i.status.name(), i.outcome, i.error,
        i.correlationId, i.started, i.updated, encode(i.vars));
  }

  /** {@code vars} as JSON; a value JSON cannot show is said so, rather than failing the turn that ended the instance. */
  static byte[] encode(Map<String, Object> vars) {
    try {
      return Json.encodeToBuffer(vars).getBytes();
    } catch (EncodeException e) {
      return Json.encodeToBuffer(Map.of("unshowable", String.valueOf(e.getMessage()))).getBytes();
    }
  }

  ScenarioEngine.View view() {
    return new ScenarioEngine.View(id, scenario, key, actsAs, status, outcome, error, correlationId, started, updated, null,
        new JsonObject(Buffer.buffer(vars)).getMap());
  }
}
