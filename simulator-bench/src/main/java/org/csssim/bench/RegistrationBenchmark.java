package org.csssim.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.csssim.internal.files.Trees;
import org.csssim.internal.id.Ids;
import org.csssim.internal.message.MessageTemplate;
import org.csssim.internal.registration.Registration;
import org.csssim.internal.registration.Registrations;
import org.csssim.internal.store.Store;
import org.csssim.internal.store.StoreOptions;
import org.csssim.internal.unit.Unit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What a script's read of the registration model costs when the registration has left the heap
 * for the embedded store, against the same read held in heap: the same registrations written
 * through the same model to an embedded store (SQLite) twice, once with every one held and once
 * with {@code --in-heap}; then random reads by id, and of every registration of a meter point,
 * in each, timed on this thread.
 */
@Command(name = "bench-registrations", mixinStandardHelpOptions = true,
    description = "Time reads of registrations held in heap against reads of those left in the embedded store.")
public final class RegistrationBenchmark implements Callable<Integer> {
  @Option(names = "--registrations", defaultValue = "200000", description = "Registrations to write, two a meter point.")
  int count;

  @Option(names = "--in-heap", defaultValue = "1000", description = "Registrations held in heap in the second model.")
  int inHeap;

  @Option(names = "--reads", defaultValue = "100000", description = "Reads of each kind timed, after as many to warm up.")
  int reads;

  @Override
  public Integer call() throws Exception {
    BenchLogging.quiet();
    Vertx vertx = Vertx.vertx();
    try {
      for (int held : List.of(count, inHeap)) {
        run(vertx, held);
      }
    } finally {
      await(vertx.close());
    }
    return 0;
  }

  private void run(Vertx vertx, int held) throws Exception {
    Path dir = Files.createTempDirectory("csssim-bench-registrations");
    Store store = await(Store.open(vertx, StoreOptions.of(StoreOptions.Kind.embedded, null), 1000, 1000, dir));
    try {
      Registrations model = new Registrations(store.registrations(), held);
      List<String> ids = new ArrayList<>(count);
      List<Future<Void>> commits = new ArrayList<>();
      Unit unit = null;
      for (int i = 0; i < count; i++) {
        if (i % 500 == 0) {
          if (unit != null) {
            commits.add(unit.commit());
          }
          unit = store.units().begin();
        }
        String id = Ids.next();
        ids.add(id);
        model.saveRegistration(id, MessageTemplate.mpanCore(i / 2), Map.of("status", "Pending", "fuelType", "E",
            "supplierMpid", "SUPA", "losingSupplierMpid", "SUPB", "supplyStartDate", "2026-12-14"), unit);
      }
      commits.add(unit.commit());
      await(Future.all(commits));
      SplittableRandom random = new SplittableRandom(1);
      long sink = 0;
      double[] byId = new double[2];
      double[] byMpxn = new double[2];
      for (int round = 0; round < 2; round++) {   // the first warms up
        long t = System.nanoTime();
        for (int i = 0; i < reads; i++) {
          sink += model.registration(ids.get(random.nextInt(count))).map(Registration::id).orElseThrow().length();
        }
        byId[round] = (System.nanoTime() - t) / 1000.0 / reads;
        t = System.nanoTime();
        for (int i = 0; i < reads; i++) {
          sink += model.registrationsOf(MessageTemplate.mpanCore(random.nextInt(count / 2))).size();
        }
        byMpxn[round] = (System.nanoTime() - t) / 1000.0 / reads;
      }
      System.out.printf("%,d registrations, %,d held in heap (%,d now): by id %.2f µs a read, a meter point's %.2f µs"
          + " (warm-up %.2f, %.2f) [%d]%n", count, held, model.registrationsInHeap(), byId[1], byMpxn[1], byId[0], byMpxn[0],
          sink % 10);
    } finally {
      await(store.close());
      Trees.delete(dir);
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
  }
}
