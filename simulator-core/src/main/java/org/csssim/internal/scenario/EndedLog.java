package org.csssim.internal.scenario;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.csssim.internal.id.Hash64;

/**
 * The most recently ended instances, for the operator's view: at most {@link #capacity}, each
 * kept as one JSON record (its view, as the admin API shows it) in a few large byte arrays.
 *
 * <p>Why bytes in large arrays: a young collection copies every object that survives it until
 * the object is promoted, and on a busy simulator an ended instance is kept for a minute or
 * more. Kept as objects (the whole instance, later a record of a dozen strings and instants),
 * the recently ended were most of what each young pause copied (docs/performance.md). Here a
 * record is a slice of a chunk of {@value #CHUNK} bytes; the chunks are allocated as they are
 * needed, at most {@value #CHUNKS}, and then reused in turn. G1 puts an array of half a region
 * or more straight into the old generation (regions are 2 MiB or less for heaps under 8 GiB), so
 * no young pause copies them; with larger regions one is copied whole, as one object, a few
 * times. Each record also has three longs in arrays allocated once: the hashes of its id and its
 * key, and where it lies. At 400 SwitchRequests a second, the median young pause's copying fell
 * from 2.8 to 5.1 ms to 0.7 to 2.1 ms (docs/performance.md).
 *
 * <p>A record is forgotten when more than {@link #capacity} came after it, or when its chunk
 * is reused. One larger than a chunk keeps its view with its variables replaced by a note that
 * says so. Owned by the engine's context: no locks.
 */
final class EndedLog {
  static final int RECENT = 10_000;
  static final int CHUNK = 1 << 20;
  static final int CHUNKS = 16;

  private final int capacity;
  private final int chunkSize;
  private final byte[][] chunks;
  private final long[] idHash;
  private final long[] keyHash;
  /** Where each record lies: its chunk (8 bits), offset (24 bits) and length (32 bits). */
  private final long[] where;
  /** The oldest record kept and the next to come, as sequence numbers (slot = sequence % capacity). */
  private long first;
  private long next;
  private int chunk = -1;
  private int offset;

  EndedLog() {
    this(RECENT, CHUNK, CHUNKS);
  }

  /** Smaller bounds, for tests of forgetting. */
  EndedLog(int capacity, int chunkSize, int chunks) {
    if (chunkSize > 1 << 24 || chunks > 1 << 8) {
      throw new IllegalArgumentException("a record's place is 8 bits of chunk and 24 bits of offset");
    }
    this.capacity = capacity;
    this.chunkSize = chunkSize;
    this.chunks = new byte[chunks][];
    this.idHash = new long[capacity];
    this.keyHash = new long[capacity];
    this.where = new long[capacity];
  }

  /** Keeps what the operator sees of an instance that just ended. */
  void add(ScenarioEngine.View ended) {
    add(ended.id(), ended.key(), record(ended));
  }

  /** How many are kept. */
  int size() {
    return (int) (next - first);
  }

  /** The view of ended instance {@code id}, if it is still kept. */
  Optional<ScenarioEngine.View> byId(String id) {
    return newest(idHash, id, ScenarioEngine.View::id);
  }

  boolean knows(String id) {
    return byId(id).isPresent();
  }

  /** The newest ended instance with {@code key}, if one is kept. */
  Optional<ScenarioEngine.View> newestWithKey(String key) {
    return newest(keyHash, key, ScenarioEngine.View::key);
  }

  /** The newest record whose {@code field} is {@code value}, found by its hash in {@code hashes}; another value of that hash is read and passed over. */
  private Optional<ScenarioEngine.View> newest(long[] hashes, String value, Function<ScenarioEngine.View, String> field) {
    long h = Hash64.of(value);
    for (long s = next - 1; s >= first; s--) {
      int slot = slot(s);
      if (hashes[slot] == h) {
        ScenarioEngine.View v = read(slot);
        if (field.apply(v).equals(value)) {
          return Optional.of(v);
        }
      }
    }
    return Optional.empty();
  }

  /** The most recently ended, newest first; at most {@code limit}. */
  List<ScenarioEngine.View> newest(int limit) {
    List<ScenarioEngine.View> out = new ArrayList<>();
    for (long s = next - 1; s >= first && out.size() < limit; s--) {
      out.add(read(slot(s)));
    }
    return out;
  }

  /** Keeps a record, forgetting the oldest as the bounds need. */
  private void add(String id, String key, byte[] record) {
    if (record.length > chunkSize) {
      return;   // larger than a chunk even without its variables: an id or a key of a megabyte is not kept
    }
    if (next - first == capacity) {
      first++;
    }
    if (chunk < 0 || offset + record.length > chunkSize) {
      nextChunk();
    }
    int slot = slot(next);
    idHash[slot] = Hash64.of(id);
    keyHash[slot] = Hash64.of(key);
    where[slot] = (long) chunk << 56 | (long) offset << 32 | record.length;
    System.arraycopy(record, 0, chunks[chunk], offset, record.length);
    offset += record.length;
    next++;
  }

  /** Moves on to the next chunk, allocated if it never was, else forgetting the records in it (the oldest). */
  private void nextChunk() {
    chunk = (chunk + 1) % chunks.length;
    offset = 0;
    if (chunks[chunk] == null) {
      chunks[chunk] = new byte[chunkSize];
      return;
    }
    while (first < next && chunkOf(where[slot(first)]) == chunk) {
      first++;
    }
  }

  /** A view as one JSON record, as the admin API shows it; its variables noted as unshowable when JSON cannot show them or they take more than a chunk. */
  private byte[] record(ScenarioEngine.View v) {
    JsonObject view = v.toJson();
    byte[] out;
    try {
      out = Json.encodeToBuffer(view).getBytes();
    } catch (EncodeException e) {
      out = unshowable(view, String.valueOf(e.getMessage()));
    }
    return out.length <= chunkSize ? out : unshowable(view,
        "its variables took " + out.length + " bytes as JSON, more than the " + chunkSize + " an ended instance may keep");
  }

  private static byte[] unshowable(JsonObject view, String why) {
    return Json.encodeToBuffer(view.put("vars", Map.of("unshowable", why))).getBytes();
  }

  private ScenarioEngine.View read(int slot) {
    long w = where[slot];
    int off = (int) (w >>> 32) & 0xFF_FFFF;
    return ScenarioEngine.View.fromJson(new JsonObject(Buffer.buffer(Arrays.copyOfRange(chunks[chunkOf(w)], off, off + (int) w))));
  }

  private static int chunkOf(long where) {
    return (int) (where >>> 56);
  }

  private int slot(long sequence) {
    return (int) (sequence % capacity);
  }
}
