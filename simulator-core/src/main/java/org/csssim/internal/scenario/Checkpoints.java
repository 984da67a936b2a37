package org.csssim.internal.scenario;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.csssim.internal.unit.Unit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instances written down, and read back after a restart. A turn marks the instances it changed;
 * at its end their new state goes into the turn's unit (a live one saved, an ended one that was
 * saved before forgotten; one that started and ended in one turn is never written). Owned by
 * the engine's context.
 */
final class Checkpoints {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);

  private final InstanceStore store;
  private final Dormancy dormancy;
  private final Set<Instance> dirty = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<Scenario, StepIndex> indexes = new IdentityHashMap<>();

  Checkpoints(InstanceStore store, Dormancy dormancy) {
    this.store = store;
    this.dormancy = dormancy;
  }

  void changed(Instance inst) {
    dirty.add(inst);
  }

  /** What the turn changed, into its unit; those leaving the heap leave once it is committed. */
  void save(Unit unit) {
    for (Instance inst : dirty) {
      if (inst.live()) {
        StepIndex index = index(inst.scenario);
        inst.saves++;
        Long until = dormancy.dormantUntil(inst);
        store.save(inst.id, () -> InstanceState.of(inst, index),
            new InstanceStore.Index(Instances.hash(inst), inst.actingMpid, until), unit);
        inst.stored = true;
        if (until != null) {
          dormancy.leavesWith(inst, unit);
        }
      } else if (inst.stored) {
        store.forget(inst.id, unit);
        inst.stored = false;
      }
    }
    dirty.clear();
  }

  /**
   * The instances {@code saved} holds, in deadline order (waits that fell due while the
   * simulator was down fire in the order they fell due); one whose scenario changed so it cannot
   * resume is dropped, and forgotten in {@code unit}.
   */
  List<Instance> restore(List<JsonObject> saved, ScenarioPack pack, Unit unit) {
    List<Instance> back = new ArrayList<>();
    for (JsonObject j : saved) {
      Instance inst = read(j, pack);
      if (inst != null) {
        back.add(inst);
      } else {
        store.forget(j.getString("id"), unit);
      }
    }
    back.sort(Comparator.comparing((Instance i) -> i.waitingUntil == null ? Instant.MAX : i.waitingUntil)
        .thenComparing(i -> i.started));
    return back;
  }

  /** The instance {@code j} holds, as it was; null (and why, logged) if its scenario changed so it cannot resume. */
  Instance read(JsonObject j, ScenarioPack pack) {
    Scenario s = pack.scenario(j.getString("scenario")).orElse(null);
    try {
      if (s == null) {
        throw new IllegalStateException("scenario " + j.getString("scenario") + " is not in the pack any more");
      }
      Instance inst = InstanceState.restore(j, s, index(s));
      inst.stored = true;
      return inst;
    } catch (RuntimeException e) {
      LOG.warn("instance {} cannot resume and is dropped: {}", j.getString("id"), e.getMessage());
      return null;
    }
  }

  private StepIndex index(Scenario s) {
    return indexes.computeIfAbsent(s, StepIndex::new);
  }
}
