package org.csssim.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The simulator as a user runs it: {@code org.csssim.server.Main} in a process of its own (this
 * test's class path), on the embedded PIT defaults, with the environment given, its output in a
 * log file under the data directory. Ready once it listens.
 */
final class ServerProcess {
  private ServerProcess() {}

  /** A port free now, for a child process to listen on. */
  static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0)) {
      return probe.getLocalPort();
    }
  }

  static Process start(Path dir, int port, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", System.getProperty("java.class.path"), "org.csssim.server.Main"));
    pb.environment().put("SIMULATOR_DATA_DIR", dir.toString());
    pb.environment().put("SIMULATOR_PORT", String.valueOf(port));
    pb.environment().putAll(env);
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("simulator-" + System.nanoTime() + ".log").toFile());
    Process p = pb.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("the simulator ended at start with " + p.exitValue() + "; see " + dir);
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return p;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException("the simulator did not listen on " + port + " within 60 s; see " + dir);
  }
}
