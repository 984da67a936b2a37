package org.csssim.server;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.csssim.internal.config.ConfigLoader;
import org.csssim.internal.config.SimulatorConfig;
import org.csssim.internal.files.Trees;
import org.csssim.internal.runtime.Simulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Makes the class data sharing archive the simulator starts faster with. Most of a start is
 * the JVM loading, verifying and linking some 9,000 classes and spinning a thousand lambdas;
 * an archive holds them ready to map. A JVM records one when it is told to at its exit (JDK 17
 * cannot make one by itself as it runs), so this command starts a second JVM, on the same JDK
 * and this jar, that starts the simulator on its embedded defaults (in a temporary data
 * directory, on a free port), asks {@code /health} over HTTPS once and stops; then a third checks
 * that the archive maps. The archive fits only this jar, as built, and this JDK; the JVM ignores
 * one that does not fit (with a warning).
 */
@Command(name = "class-archive", mixinStandardHelpOptions = true,
    description = {"Makes a class data sharing archive for this jar and this JDK, from one start of the simulator"
        + " (embedded defaults, a temporary data directory, a free port) until /health answers.",
        "Then start with: java -XX:SharedArchiveFile=FILE -jar css-simulator.jar"})
final class ClassArchiveCommand implements Callable<Integer> {
  /** The recorded start listens here only, an address the test PKI's server certificate names. */
  private static final String LOOPBACK = "127.0.0.1";

  @Option(names = "--file", paramLabel = "FILE", description = "The archive to write (default: css-simulator.jsa beside the jar).")
  Path file;

  @Option(names = "--if-supported", description = "On a JVM that cannot record an archive (it has no class data sharing"
      + " archive of its own), say so and exit 0 instead of 1: how the build runs it.")
  boolean ifSupported;

  /** The second JVM's part: the start that is recorded. */
  @Option(names = "--record", hidden = true)
  boolean record;

  @Override
  public Integer call() throws Exception {
    if (record) {
      startOnce();
      return 0;
    }
    Path jar = jar();
    if (jar == null) {
      System.err.println("class-archive runs from the simulator's jar (java -jar css-simulator.jar class-archive)");
      return 2;
    }
    if (!sharingOn()) {
      // a dynamic archive is laid over the JDK's own, which some builds of the JDK do not ship
      System.err.println("class-archive: this JVM maps no class data sharing archive of its own (-Xshare is off), so it"
          + " cannot record one; the simulator starts without it");
      return ifSupported ? 0 : 1;
    }
    Path archive = (file != null ? file : jar.resolveSibling("css-simulator.jsa")).toAbsolutePath();
    archive.toFile().setWritable(true);   // the JVM writes it read-only, which Windows will not delete
    Files.deleteIfExists(archive);
    Path log = Files.createTempFile("csssim-class-archive", ".log");
    try {
      String java = ProcessHandle.current().info().command().orElse("java");
      String recorded = run(log, 180, java, "-XX:ArchiveClassesAtExit=" + archive, "-jar", jar.toString(), "class-archive",
          "--record");
      if (recorded != null || !Files.exists(archive)) {
        System.err.println("the recorded start failed (" + recorded + "); its output:\n" + Files.readString(log));
        return 1;
      }
      // -Xshare:on makes a JVM that cannot map the archive refuse to start, where the default only warns
      String mapped = run(log, 60, java, "-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-jar", jar.toString(),
          "--version");
      if (mapped != null) {
        System.err.println("the archive was written but does not map (" + mapped + "); the JVM said:\n"
            + Files.readString(log));
        return 1;
      }
    } finally {
      Files.deleteIfExists(log);
    }
    System.out.printf("Wrote %s (%,d MiB). Start with:%n  java -XX:SharedArchiveFile=%s -jar %s%n", archive,
        Files.size(archive) >> 20, archive, jar);
    return 0;
  }

  /** Runs {@code command} with its output in {@code log}: null once it exits 0 within {@code seconds}, else what went wrong. */
  private static String run(Path log, int seconds, String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "it did not end within " + seconds + " s";
    }
    return p.exitValue() == 0 ? null : "exit " + p.exitValue();
  }

  /** Whether this JVM maps the JDK's own archive, which a recorded one needs beneath it. */
  private static boolean sharingOn() {
    return Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
        .getVMOption("UseSharedSpaces").getValue());
  }

  /** The running jar, or null when the classes are not run from one (an IDE, the tests). */
  private static Path jar() throws URISyntaxException {
    Path here = Path.of(ClassArchiveCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return Files.isRegularFile(here) && here.toString().endsWith(".jar") ? here : null;
  }

  /** Starts the simulator on its embedded defaults, on loopback only, asks /health once over HTTPS, and stops it. */
  private static void startOnce() throws Exception {
    Path dir = Files.createTempDirectory("csssim-class-archive");
    Simulator sim = null;
    try {
      SimulatorConfig cfg = ConfigLoader.loadEmbeddedPit(Map.of("SIMULATOR_DATA_DIR", dir.toString(), "SIMULATOR_PORT", "0"));
      sim = Simulator.start(cfg.withListener(cfg.listener().withHost(LOOPBACK)))
          .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
      HttpClientAgent client = sim.vertx().createHttpClient(new HttpClientOptions().setSsl(true).setVerifyHost(true)
          .setTrustOptions(new PemTrustOptions().addCertPath(sim.pki().caCertificate().toString())));
      int port = sim.port();
      int status = client.request(HttpMethod.GET, port, LOOPBACK, "/health")
          .compose(r -> r.send().compose(res -> res.body().map(b -> res.statusCode())))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      if (status != 200) {
        throw new IllegalStateException("/health answered " + status);
      }
      client.close();
    } finally {
      if (sim != null) {
        sim.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
      Trees.delete(dir);
    }
  }
}
