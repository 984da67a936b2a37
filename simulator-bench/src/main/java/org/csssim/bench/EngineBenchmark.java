package org.csssim.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.csssim.internal.files.Trees;
import org.csssim.internal.id.Ids;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The embedded engines side by side, without the simulator around them: each runs what one
 * whole CSS flow writes (four journal entries with bodies and four indexes, the eventId claim,
 * two inbox entries written and removed, an instance written twice, two outbox rows, and the
 * outbox drained behind), on one connection, a commit every {@code --batch} messages; then the
 * rate and the files' size. The schema is the shape of the simulator's, not its migrations, so
 * the engines are compared on the same rows.
 */
@Command(name = "bench-engines", mixinStandardHelpOptions = true,
    description = "Compare the embedded store's engines (SQLite, H2) on the rows a whole CSS flow writes.")
public final class EngineBenchmark implements Callable<Integer> {
  @Option(names = "--messages", defaultValue = "20000", description = "Messages (whole flows) to write per engine.")
  int messages;

  @Option(names = "--batch", split = ",", defaultValue = "1,20", description = "Messages per commit; one run each.")
  List<Integer> batches;

  @Option(names = "--engines", split = ",", defaultValue = "sqlite,h2", description = "sqlite and/or h2")
  List<String> engines;

  @Option(names = "--ids", split = ",", defaultValue = "random",
      description = "How the ids the simulator mints are made: random (UUID version 4) and/or ordered (version 7); one run each.")
  List<IdKind> ids;

  /** How the ids the simulator mints are made in a run. */
  enum IdKind { random, ordered }

  private static final String BODY = "{\"eventId\":\"x\",\"data\":\"" + "y".repeat(900) + "\"}";

  @Override
  public Integer call() throws Exception {
    for (String engine : engines) {
      for (int batch : batches) {
        for (IdKind idKind : ids) {
          run(engine, batch, idKind);
        }
      }
    }
    return 0;
  }

  /** One run on a fresh directory: ids made as the simulator makes them ({@link Ids}), or at random. */
  private void run(String engine, int batch, IdKind idKind) throws Exception {
    Supplier<String> mint = idKind == IdKind.ordered ? Ids::next : () -> UUID.randomUUID().toString();
    Path dir = Files.createTempDirectory("csssim-bench-" + engine);
    try (Connection c = open(engine, dir)) {
      schema(c, engine.equals("h2") ? "CHARACTER VARYING" : "TEXT");
      long start = System.nanoTime();
      write(c, engine, batch, mint);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("%-6s %3d a commit, %-7s ids: %,d messages in %.1f s: %,.0f messages/s; files %,d MiB%n",
          engine, batch, idKind, messages, seconds, messages / seconds, size(dir) >> 20);
    }
    System.out.printf("%-6s %3d a commit, %-7s ids: files after close %,d MiB%n", engine, batch, idKind, size(dir) >> 20);
    Trees.delete(dir);
  }

  /** Opened as the simulator opens each: SQLite in WAL with synchronous=NORMAL, H2 with WRITE_DELAY=0. */
  private static Connection open(String engine, Path dir) throws SQLException {
    Connection c;
    switch (engine) {
      case "h2" -> c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0", "sa", "");
      case "sqlite" -> {
        c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("db.sqlite"));
        try (Statement s = c.createStatement()) {
          s.execute("PRAGMA journal_mode=WAL");
          s.execute("PRAGMA synchronous=NORMAL");
        }
      }
      default -> throw new IllegalArgumentException("unknown engine " + engine + " (sqlite, h2)");
    }
    c.setAutoCommit(false);
    return c;
  }

  private static void schema(Connection c, String text) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE journal (seq BIGINT PRIMARY KEY, at_ms BIGINT NOT NULL, direction VARCHAR(8) NOT NULL,"
          + " path VARCHAR(2048), event_id VARCHAR(256), event_type VARCHAR(256), correlation_id VARCHAR(256),"
          + " sender VARCHAR(64), mpxn VARCHAR(64), status INT NOT NULL, body " + text + ")");
      for (String column : List.of("event_id", "correlation_id", "mpxn", "at_ms")) {
        s.execute("CREATE INDEX journal_" + column + " ON journal (" + column + ")");
      }
      s.execute("CREATE TABLE idempotency (event_id VARCHAR(256) PRIMARY KEY, digest VARCHAR(64) NOT NULL, ack " + text + ")");
      s.execute("CREATE TABLE inbox (id BIGINT PRIMARY KEY, message " + text + " NOT NULL)");
      s.execute("CREATE TABLE outbox (id BIGINT PRIMARY KEY, message " + text + " NOT NULL)");
      s.execute("CREATE TABLE instances (id VARCHAR(64) PRIMARY KEY, state " + text + " NOT NULL)");
    }
    c.commit();
  }

  /** {@code mint} makes the ids the simulator would: the eventIds of what it sends, and its instances' ids. */
  private void write(Connection c, String engine, int batch, Supplier<String> mint) throws SQLException {
    PreparedStatement journal = c.prepareStatement("INSERT INTO journal VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    PreparedStatement claim = c.prepareStatement("INSERT INTO idempotency VALUES (?,?,?)");
    PreparedStatement inbox = c.prepareStatement("INSERT INTO inbox VALUES (?,?)");
    PreparedStatement inboxDone = c.prepareStatement("DELETE FROM inbox WHERE id = ?");
    PreparedStatement outbox = c.prepareStatement("INSERT INTO outbox VALUES (?,?)");
    PreparedStatement delivered = c.prepareStatement("DELETE FROM outbox WHERE id = ?");
    PreparedStatement instance = c.prepareStatement(engine.equals("h2")
        ? "MERGE INTO instances (id, state) KEY (id) VALUES (?,?)"
        : "INSERT INTO instances (id, state) VALUES (?,?) ON CONFLICT (id) DO UPDATE SET state = excluded.state");
    long seq = 0;
    long boxId = 0;
    for (int m = 0; m < messages; m++) {
      String eventId = UUID.randomUUID().toString();
      String correlationId = UUID.randomUUID().toString();
      String instanceId = mint.get();
      for (int k = 0; k < 4; k++) {
        journal.setLong(1, ++seq);
        journal.setLong(2, System.currentTimeMillis());
        journal.setString(3, k == 0 ? "IN" : "OUT");
        journal.setString(4, "/css/v1/switch-requests");
        journal.setString(5, k == 0 ? eventId : mint.get());
        journal.setString(6, "SwitchRequest");
        journal.setString(7, correlationId);
        journal.setString(8, "SUPA");
        journal.setString(9, String.valueOf(1_000_000_000_000L + m));
        journal.setInt(10, 202);
        journal.setString(11, BODY);
        journal.executeUpdate();
      }
      claim.setString(1, eventId);
      claim.setString(2, "0123456789abcdef".repeat(4));
      claim.setString(3, "{\"status\":\"Accepted\"}");
      claim.executeUpdate();
      for (int k = 0; k < 2; k++) {
        inbox.setLong(1, ++boxId);
        inbox.setString(2, BODY);
        inbox.executeUpdate();
        inboxDone.setLong(1, boxId);
        inboxDone.executeUpdate();
        instance.setString(1, instanceId);
        instance.setString(2, BODY + k);
        instance.executeUpdate();
        outbox.setLong(1, boxId);
        outbox.setString(2, BODY);
        outbox.executeUpdate();
        if (boxId > 2000) {   // delivery drains the outbox behind the intake
          delivered.setLong(1, boxId - 2000);
          delivered.executeUpdate();
        }
      }
      if ((m + 1) % batch == 0) {
        c.commit();
      }
    }
    c.commit();
  }

  private static long size(Path dir) throws java.io.IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
