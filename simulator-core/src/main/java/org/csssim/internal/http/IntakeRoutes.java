package org.csssim.internal.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.csssim.internal.catalogue.Catalogue;
import org.csssim.internal.error.ErrorCode;
import org.csssim.internal.wire.Intake;
import org.csssim.internal.wire.IntakeRequest;
import org.csssim.internal.wire.IntakeResponse;

/**
 * Mounts one route per inbound catalogue type (no handler is written per type) and answers
 * what matches no route (unknown path, wrong method, body too large) in the contract's shape.
 */
public final class IntakeRoutes implements Routes {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IntakeRoutes.class);
  private final Intake intake;
  private final boolean mutualTls;
  private final List<Catalogue.Route> inbound;
  private final long bodyLimit;

  /** {@code inbound}: the catalogue's inbound routes. */
  public IntakeRoutes(Intake intake, TlsOptions.ClientAuthMode clientAuth, List<Catalogue.Route> inbound, long bodyLimit) {
    this.intake = intake;
    this.mutualTls = clientAuth != TlsOptions.ClientAuthMode.none;
    this.inbound = List.copyOf(inbound);
    this.bodyLimit = bodyLimit;
  }

  @Override
  public void mount(Router router) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(bodyLimit).setHandleFileUploads(false);
    for (Catalogue.Route type : inbound) {
      var route = router.route(HttpMethod.valueOf(type.method()), vertxPath(type.path()));
      if (!type.bodiless()) {
        route.handler(body).failureHandler(HttpConnections::quietWhenClientGone);
      }
      route.handler(ctx -> intake.handle(type, request(ctx)).onComplete(ar -> write(ctx, ar.result())));
    }
    // SIT mode: a physical CSS delivers its webhooks for the simulated parties here
    router.post("/webhooks/:mpid").handler(body).failureHandler(HttpConnections::quietWhenClientGone).handler(ctx ->
        intake.handleWebhook(ctx.pathParam("mpid"), request(ctx)).onComplete(ar -> write(ctx, ar.result())));
    router.errorHandler(413, ctx -> {
      HttpConnections.closeAfterAnswer(ctx);   // the rest of the body is not read
      refuse(ctx, ErrorCode.BODY_TOO_LARGE, "the body is over the limit of " + bodyLimit + " bytes");
    });
    router.errorHandler(500, ctx -> {
      LOG.error("listener: {} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
      refuse(ctx, ErrorCode.INTERNAL_ERROR, "internal error: " + ctx.failure());
    });
    router.errorHandler(404, ctx -> refuse(ctx, ErrorCode.UNKNOWN_PATH,
        "nothing is served on " + ctx.request().method() + " " + ctx.request().path()));
    router.errorHandler(405, ctx -> refuse(ctx, ErrorCode.METHOD_NOT_ALLOWED,
        ctx.request().path() + " does not take " + ctx.request().method()));
  }

  /**
   * Mounted before every other group (after the security headers): a request framed both by
   * Content-Length and chunked ({@link ConnectionGuard#FRAMED_TWICE}), on any path, is refused
   * and journaled, and its connection closed (RFC 9112 §6.3), as request smuggling would need.
   */
  public Routes framingCheck() {
    return router -> router.route().handler(ctx -> {
      if (ctx.request().headers().contains(ConnectionGuard.FRAMED_TWICE)) {
        HttpConnections.closeAfterAnswer(ctx);
        refuse(ctx, ErrorCode.REQUEST_FRAMING_AMBIGUOUS,
            "the request has both Content-Length and Transfer-Encoding; send one (RFC 9112 6.3)");
      } else {
        ctx.next();
      }
    });
  }

  private void refuse(RoutingContext ctx, ErrorCode code, String message) {
    if (ctx.response().ended()) {
      return;
    }
    intake.refuse(request(ctx), code, message).onComplete(ar -> write(ctx, ar.result()));
  }

  /** {mpxn} in the catalogue is :mpxn to Vert.x. */
  static String vertxPath(String path) {
    return path.replaceAll("\\{([A-Za-z][A-Za-z0-9]*)}", ":$1");
  }

  private IntakeRequest request(RoutingContext ctx) {
    HttpServerRequest r = ctx.request();
    byte[] bytes = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    Map<String, List<String>> query = new LinkedHashMap<>();
    ctx.queryParams().forEach(e -> query.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>()).add(e.getValue()));
    Map<String, String> headers = new java.util.HashMap<>();
    r.headers().forEach(h -> headers.putIfAbsent(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue()));
    return new IntakeRequest(r.method().name(), r.uri(), r.path(), r.absoluteURI(), r.getHeader("Content-Type"),
        r.getHeader("X-JWS-Signature"), headers, bytes, Map.copyOf(ctx.pathParams()), query, clientCertificate(r));
  }

  private X509Certificate clientCertificate(HttpServerRequest r) {
    if (!mutualTls) {
      return null;
    }
    try {
      List<Certificate> chain = r.connection().peerCertificates();
      return chain == null || chain.isEmpty() ? null : (X509Certificate) chain.get(0);
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }

  /** How long an injected timeout holds a request before dropping the connection. */
  private static final long INJECTED_TIMEOUT_HOLD_MILLIS = 60_000;

  private static void write(RoutingContext ctx, IntakeResponse answer) {
    var response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    if (answer.withheld()) {
      // rehearse a CSS that never answers: hold the request, then drop the connection
      ctx.vertx().setTimer(INJECTED_TIMEOUT_HOLD_MILLIS, t -> ctx.request().connection().close());
      return;
    }
    response.setStatusCode(answer.status());
    answer.headers().forEach(response::putHeader);
    if (answer.contentType() != null) {
      response.putHeader("Content-Type", answer.contentType());
    }
    response.end(io.vertx.core.buffer.Buffer.buffer(answer.body()));
  }
}
