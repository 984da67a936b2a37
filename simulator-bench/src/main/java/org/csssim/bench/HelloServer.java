package org.csssim.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.csssim.internal.config.ConfigLoader;
import org.csssim.internal.pki.TestPki;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The ceiling for the intake: a bare Vert.x HTTPS server with the simulator's TLS certificate,
 * protocols and event loops, that reads each body and answers 202 with a small JSON. Measured
 * with {@code load --target} exactly like the simulator, it says what the machine allows.
 */
@Command(name = "hello-server", mixinStandardHelpOptions = true,
    description = "Run a bare HTTPS server answering 202, the ceiling the intake's figures are compared with.")
public final class HelloServer implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "18500", description = "Port to listen on.")
  int port;

  @Option(names = "--data-dir", defaultValue = "./data",
      description = "Data directory of the test PKI (pki/tls.crt, pki/tls.key and the parties' keys the load tool signs with);"
          + " what is missing is made, as the simulator makes it.")
  Path dataDir;

  private static final String ACK = "{\"status\":\"Accepted\",\"eventId\":\"hello\",\"correlationId\":\"hello\"}";

  @Override
  public Integer call() throws Exception {
    // a new data directory works as with the simulator: the load tool then finds the parties' keys there too
    new TestPki(dataDir).ensure(ConfigLoader.loadEmbeddedPit(System.getenv()).testPkiParties());
    Vertx vertx = Vertx.vertx();
    HttpServerOptions options = new HttpServerOptions().setPort(port).setSsl(true).setUseAlpn(true)
        .setEnabledSecureTransportProtocols(Set.of("TLSv1.3", "TLSv1.2"))
        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(dataDir.resolve("pki/tls.crt").toString())
            .setKeyPath(dataDir.resolve("pki/tls.key").toString()));
    vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        return vertx.createHttpServer(options).requestHandler(req -> req.body().onSuccess(b ->
            req.response().setStatusCode(202).putHeader("Content-Type", "application/json").end(ACK))).listen();
      }
    }, new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors()))
        .toCompletionStage().toCompletableFuture().get();
    System.out.println("hello-server on https://localhost:" + port + " (" + Runtime.getRuntime().availableProcessors()
        + " event loops); stop with Ctrl-C");
    new CountDownLatch(1).await();
    return 0;
  }
}
