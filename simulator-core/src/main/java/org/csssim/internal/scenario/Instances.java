package org.csssim.internal.scenario;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.csssim.internal.id.Hash64;

/**
 * The scenario instances the engine knows: the live ones, found by scenario, acting party and
 * key (two simulated parties in one flow, a gaining and a losing supplier, share its
 * correlationId), and the most recently ended ones for the operator's view, kept as bytes in an
 * {@link EndedLog}. Owned by the engine's context: no locks.
 */
final class Instances {
  private final Map<LiveKey, Instance> live = new HashMap<>();
  /** The live instances in heap, by id. */
  private final Map<String, Instance> byId = new HashMap<>();
  private final EndedLog ended = new EndedLog();
  private volatile int liveNow;   // live.size(), readable from any thread (for the metrics)

  Instance live(Scenario s, String mpid, Object key) {
    return live.get(liveKey(s, mpid, key));
  }

  void add(Instance inst) {
    live.put(liveKey(inst.scenario, inst.actingMpid, inst.key), inst);
    byId.put(inst.id, inst);
    liveNow = live.size();
  }

  /** Left dormant in the store: out of the heap altogether. */
  void evict(Instance inst) {
    live.remove(liveKey(inst.scenario, inst.actingMpid, inst.key));
    byId.remove(inst.id);
    liveNow = live.size();
  }

  /** Ended: what the operator sees of it is kept a while, then forgotten. */
  void retire(Instance inst) {
    live.remove(liveKey(inst.scenario, inst.actingMpid, inst.key));
    byId.remove(inst.id);
    liveNow = live.size();
    ended.add(ScenarioEngine.view(inst));
  }

  /** The live instance {@code id}, if it is in heap. */
  Optional<Instance> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** What is kept of instance {@code id}, if it ended recently. */
  Optional<ScenarioEngine.View> ended(String id) {
    return ended.byId(id);
  }

  /** Whether the heap knows instance {@code id}: live in it, or recently ended. */
  boolean knows(String id) {
    return byId.containsKey(id) || ended.knows(id);
  }

  /** The live instances {@code mpid} acts in. */
  List<Instance> actingAs(String mpid) {
    return live.values().stream().filter(i -> i.actingMpid.equals(mpid)).toList();
  }

  /** Live instances in heap, at most {@code limit}. */
  List<Instance> live(int limit) {
    return live.values().stream().limit(limit).toList();
  }

  /** The most recently ended, newest first; at most {@code limit}. */
  List<ScenarioEngine.View> ended(int limit) {
    return ended.newest(limit);
  }

  /** The newest ended instance with {@code key}, for a run that ended as it started. */
  Optional<ScenarioEngine.View> recentlyEnded(String key) {
    return ended.newestWithKey(key);
  }

  /** How many the engine can still show: the live ones and the recently ended. */
  int remembered() {
    return byId.size() + ended.size();
  }

  int liveNow() {
    return liveNow;
  }

  /** The hash a live instance's key is filed under in the store, for finding it while it is dormant. */
  static long hash(Instance inst) {
    return hash(inst.scenario.name(), inst.actingMpid, inst.key);
  }

  static long hash(Scenario s, String mpid, Object key) {
    return hash(s.name(), mpid, String.valueOf(key));
  }

  static long hash(String scenario, String mpid, String key) {
    return Hash64.of(scenario + '\n' + mpid + '\n' + key);
  }

  private static LiveKey liveKey(Scenario s, String mpid, Object key) {
    return new LiveKey(s.name(), mpid, String.valueOf(key));
  }

  /**
   * A live instance's key: its scenario's name, the party it acts as and its own key. A record of
   * three strings the instance holds anyway (24 bytes), where the three joined into one string
   * took some 100 bytes an instance.
   */
  private record LiveKey(String scenario, String mpid, String key) {}
}
