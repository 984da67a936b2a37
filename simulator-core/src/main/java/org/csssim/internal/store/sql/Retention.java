package org.csssim.internal.store.sql;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.csssim.internal.files.OwnerOnly;
import org.csssim.internal.journal.JournalEntry;
import org.csssim.internal.journal.JournalExport;
import org.csssim.internal.store.RetentionOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prunes the durable journal by age or count, a page at a time, each page first written to a
 * gzipped JSON-lines archive when export is on (the same lines as the journal's {@code jsonl}
 * export, bodies included). An archive that cannot be written stops the pruning: nothing is
 * deleted unexported. Also trims the record of accepted eventIds to the intake's capacity.
 */
final class Retention {
  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
  static final int PAGE = 5_000;

  private final Vertx vertx;
  private final SqlJournal journal;
  private final SqlIdempotency claims;
  private final RetentionOptions config;
  private final int claimCapacity;
  private final Path archive;
  private final java.time.Clock wallClock;
  private final AtomicLong exported = new AtomicLong();
  private boolean running;

  Retention(Vertx vertx, SqlJournal journal, SqlIdempotency claims, RetentionOptions config, int claimCapacity,
                   Path archive, java.time.Clock wallClock) {
    this.vertx = vertx;
    this.journal = journal;
    this.claims = claims;
    this.config = config;
    this.claimCapacity = claimCapacity;
    this.archive = archive;
    this.wallClock = wallClock;
  }

  /** Runs every {@code config.every()}; returns the Vert.x timer id. */
  public long schedule() {
    return vertx.setPeriodic(config.every().toMillis(), id -> {
      if (!running) {
        running = true;
        runOnce().onComplete(ar -> {
          running = false;
          if (ar.failed()) {
            LOG.error("store: journal retention failed: {}", ar.cause().toString());
          }
        });
      }
    });
  }

  /** One pass: completes with how many journal entries were pruned. */
  public Future<Long> runOnce() {
    Future<Void> pruned = claims.prune(claimCapacity);
    if (!config.prunes()) {
      return pruned.map(0L);
    }
    long newest = journal.stats().appended();
    long bySeq = config.maxEntries() == null ? 0 : newest - config.maxEntries();
    long byAge = config.maxAge() == null ? Long.MIN_VALUE : wallClock.millis() - config.maxAge().toMillis();
    return pruned.compose(x -> page(bySeq, byAge, 0));
  }

  /**
   * The oldest page, then the run of it that is due: entries are written in seq order, so
   * once one is not due (newer than the age and within the count) none after it is, and no
   * index on the write time is needed.
   */
  private Future<Long> page(long bySeq, long byAge, long done) {
    return journal.writes().database().query("SELECT " + SqlJournal.COLUMNS + " FROM journal ORDER BY seq LIMIT " + PAGE)
        .map(rows -> {
          List<JournalEntry> due = new java.util.ArrayList<>();
          for (io.vertx.sqlclient.Row r : rows) {
            if (r.getLong(0) > bySeq && r.getLong(2) >= byAge) {
              break;
            }
            due.add(SqlJournal.entry(r));
          }
          return due;
        })
        .compose(entries -> {
          if (entries.isEmpty()) {
            return Future.succeededFuture(done);
          }
          long first = entries.get(0).seq();
          long last = entries.get(entries.size() - 1).seq();
          Future<Void> saved = config.export() ? vertx.executeBlocking(() -> {
            write(entries, first, last);
            return null;
          }, false) : Future.succeededFuture();
          return saved
              .compose(x -> journal.writes().write("DELETE FROM journal WHERE seq >= ? AND seq <= ?", Tuple.of(first, last)))
              .compose(x -> {
                journal.prunedSome(entries.size());
                return page(bySeq, byAge, done + entries.size());
              });
        });
  }

  private void write(List<JournalEntry> entries, long first, long last) throws IOException {
    OwnerOnly.directory(archive);
    Path file = archive.resolve(String.format("journal-%012d-%012d.jsonl.gz", first, last));
    Path partial = archive.resolve(file.getFileName() + ".partial");
    Files.deleteIfExists(partial);
    Files.createFile(partial);
    OwnerOnly.file(partial);   // before a byte is written: the archive holds whole message bodies
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(partial));
         Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
      w.write(JournalExport.jsonLines(entries));
    }
    Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    exported.addAndGet(entries.size());
  }

  /** Entries written to the archive since start. */
  public long exported() {
    return exported.get();
  }

  public Path archive() {
    return archive;
  }
}
