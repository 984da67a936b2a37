package org.csssim.internal.http;

import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/** What the listener does to a connection beyond answering on it. */
public final class HttpConnections {
  private HttpConnections() {}

  /**
   * How long a connection lingers after such an answer, reading and dropping what the client
   * still sends, before it is closed: closed at once, the client's unread bytes make the kernel
   * reset the connection, and a client still sending may lose the answer (nginx's lingering
   * close does the same).
   */
  static final long LINGER_MILLIS = 1_000;

  /**
   * Closes an HTTP/1.x connection shortly after its answer is sent (RFC 9112 §9.6), for a
   * request whose body is not read to its end (over the limit) or cannot be framed: otherwise
   * the rest of it would be read as, or in place of, the next request, and a client could make
   * the server read any amount. An HTTP/2 stream is framed on its own, so its connection stays.
   */
  public static void closeAfterAnswer(RoutingContext ctx) {
    if (ctx.request().version() == HttpVersion.HTTP_2) {
      return;
    }
    ctx.response().putHeader("Connection", "close");
    ctx.addEndHandler(x -> ctx.vertx().setTimer(LINGER_MILLIS, t -> ctx.request().connection().close()));
  }

  /**
   * A failure handler for routes that read a body: a client that went away (or was cut off for
   * being slow, see {@link ConnectionGuard}) has nobody to answer, so it is not logged as an
   * error; anything else goes on to the next failure handler.
   */
  public static void quietWhenClientGone(RoutingContext ctx) {
    if (ctx.failure() instanceof io.vertx.core.http.HttpClosedException) {
      ctx.response().end();
    } else {
      ctx.next();
    }
  }
}
