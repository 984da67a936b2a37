package org.csssim.internal.store;

import static org.csssim.internal.yaml.InvalidValue.require;

import org.csssim.internal.registration.Registrations;

/**
 * Where state lives. {@code embedded} (the default) is a SQLite file under the data directory
 * (or the H2 file of an earlier release): durable, nothing to install. {@code postgresql} is a server at {@code url}, for
 * hosted instances. {@code memory} keeps everything in heap and loses it at stop: for tests
 * and throwaway runs. {@code maxBatch} bounds the writes committed in one transaction.
 * {@code standby} (PostgreSQL only): an instance started while another holds the database waits
 * for it instead of refusing to start, and takes over when the lock frees.
 * {@code registrationsInHeap}: on the embedded store, registrations held in heap, those written
 * last; the rest are read from the store when a script asks for them. The others hold them all.
 */
public record StoreOptions(Kind kind, String file, String url, String user, String password, Integer poolSize,
                          Integer maxBatch, RetentionOptions retention, Boolean standby, Engine engine,
                          Integer registrationsInHeap) {
  public enum Kind { memory, embedded, postgresql }

  /**
   * The embedded store's engine. SQLite (WAL) is the default; H2 was the engine of earlier
   * releases, and a data directory that has an H2 file keeps it (see storage.md, engines).
   */
  public enum Engine { sqlite, h2 }

  public StoreOptions {
    kind = kind == null ? Kind.embedded : kind;
    file = file == null || file.isBlank() ? "store/csssim" : file;
    require(engine == null || kind == Kind.embedded, "engine", "engine chooses the embedded store's engine (sqlite or h2)");
    password = password != null ? password : System.getenv("CSSSIM_STORE_PASSWORD");
    require(kind != Kind.postgresql || (url != null && !url.isBlank()), "url",
        "a postgresql store needs url (postgresql://user@host:port/database)");
    poolSize = poolSize == null ? 4 : poolSize;
    require(poolSize >= 1 && poolSize <= 64, "poolSize", "poolSize must be 1 to 64");
    require(kind != Kind.postgresql || poolSize >= 2, "poolSize",
        "a postgresql store needs poolSize 2 or more: one connection holds the instance's lock on the database");
    maxBatch = maxBatch == null ? 512 : maxBatch;
    require(maxBatch >= 1 && maxBatch <= 100_000, "maxBatch", "maxBatch must be 1 to 100000");
    retention = retention == null ? new RetentionOptions(null, null, null, null) : retention;
    standby = standby != null && standby;
    require(!standby || kind == Kind.postgresql, "standby",
        "standby needs a postgresql store: it waits for the instance that holds the same database");
    registrationsInHeap = registrationsInHeap == null ? Registrations.IN_HEAP : registrationsInHeap;
    require(registrationsInHeap >= 1, "registrationsInHeap", "registrationsInHeap must be 1 or more");
  }

  /** {@code kind} (null: the default) at {@code url}, everything else as its default. */
  public static StoreOptions of(Kind kind, String url) {
    return new StoreOptions(kind, null, url, null, null, null, null, null, null, null, null);
  }

  public StoreOptions withStandby(boolean b) {
    return new StoreOptions(kind, file, url, user, password, poolSize, maxBatch, retention, b, engine, registrationsInHeap);
  }

  public StoreOptions withEngine(Engine e) {
    return new StoreOptions(kind, file, url, user, password, poolSize, maxBatch, retention, standby, e, registrationsInHeap);
  }

  /** The embedded store's engine here: as configured, else H2 where {@code dataDir} has an H2 file, else SQLite. */
  public Engine engineIn(java.nio.file.Path dataDir) {
    if (engine != null) {
      return engine;
    }
    return java.nio.file.Files.exists(dataDir.resolve(file + ".mv.db")) ? Engine.h2 : Engine.sqlite;
  }

  public StoreOptions withRegistrationsInHeap(int n) {
    return new StoreOptions(kind, file, url, user, password, poolSize, maxBatch, retention, standby, engine, n);
  }

  public static StoreOptions memory() {
    return of(Kind.memory, null);
  }

  public StoreOptions withRetention(RetentionOptions r) {
    return new StoreOptions(kind, file, url, user, password, poolSize, maxBatch, r, standby, engine, registrationsInHeap);
  }
}
