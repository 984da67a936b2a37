package org.csssim.internal.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the listener allows a connection, shared by every event loop's server: at most
 * {@code maxConnections} open at once (one more is closed at once); on HTTP/1.x, a request's
 * headers complete within {@code headerTimeout} of its first byte (of the connection's opening,
 * for the first) and its body within {@code bodyTimeout} of its headers, else the connection
 * is answered 408 and closed; a request framed both by Content-Length and chunked is marked
 * ({@link #FRAMED_TWICE}) for the intake to refuse. The idle timeout is Vert.x's own.
 *
 * <p>Vert.x's public API has no hook for these, so this reaches into its connection's Netty
 * pipeline (Vert.x 5.0: {@code ConnectionBase.channel()} and its handler named
 * {@code httpDecoder}); ListenerLimitsTest fails if an upgrade moves them. HTTP/2 connections
 * (framed by the protocol) get the connection limit and the idle timeout.
 */
public final class ConnectionGuard {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

  /** Set on a request that carried both Content-Length and Transfer-Encoding: chunked. */
  public static final String FRAMED_TWICE = "X-CSSSim-Framed-Twice";

  private static final byte[] TIMED_OUT = ("HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
      .getBytes(StandardCharsets.US_ASCII);

  private final ListenerOptions.Limits limits;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong headerTimeouts = new AtomicLong();
  private final AtomicLong bodyTimeouts = new AtomicLong();

  public ConnectionGuard(ListenerOptions.Limits limits) {
    this.limits = limits;
  }

  /** The idle timeout, which Vert.x applies itself. */
  public HttpServerOptions configure(HttpServerOptions options) {
    return options.setIdleTimeout((int) limits.idleTimeout().toSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS);
  }

  /** Called by each server for each connection it accepts, on its event loop. */
  public void accepted(HttpConnection connection, HttpServerOptions options) {
    if (open.incrementAndGet() > limits.maxConnections()) {
      open.decrementAndGet();
      if (refused.getAndIncrement() % 1000 == 0) {
        LOG.warn("listener: {} connections are open, the most listener.maxConnections allows; closing new ones "
            + "({} closed so far)", limits.maxConnections(), refused.get());
      }
      connection.close();
      return;
    }
    connection.closeHandler(v -> open.decrementAndGet());
    if (connection instanceof ConnectionBase base) {
      ChannelPipeline pipeline = base.channel().pipeline();
      if (pipeline.get("httpDecoder") != null) {
        RequestClock clock = new RequestClock();
        pipeline.replace("httpDecoder", "httpDecoder", new FramingDecoder(options));
        pipeline.addBefore("httpDecoder", "csssimRequestStart", clock.start);
        pipeline.addAfter("httpDecoder", "csssimRequestWatch", clock.watch);
        clock.armHeaders(pipeline.context(clock.start));
      }
    }
  }

  public int open() {
    return open.get();
  }

  public long refused() {
    return refused.get();
  }

  public long headerTimeouts() {
    return headerTimeouts.get();
  }

  public long bodyTimeouts() {
    return bodyTimeouts.get();
  }

  /**
   * Vert.x's decoder, except that a request with both Content-Length and chunked framing is
   * marked instead of quietly read as chunked (RFC 9112 §6.3: answer it, then close).
   */
  private static final class FramingDecoder extends VertxHttpRequestDecoder {
    FramingDecoder(HttpServerOptions options) {
      super(options);
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
      super.handleTransferEncodingChunkedWithContentLength(message);
      message.headers().set(FRAMED_TWICE, "true");
    }
  }

  /**
   * One connection's request timers. {@code start} sits before the decoder and sees bytes: the
   * first byte of a request starts the header timer. {@code watch} sits after it and sees
   * requests: complete headers stop the header timer and start the body timer, the body's end
   * stops that.
   */
  private final class RequestClock {
    private ScheduledFuture<?> headers;
    private ScheduledFuture<?> body;
    private boolean inBody;

    final ChannelInboundHandlerAdapter start = new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!inBody && headers == null) {
          armHeaders(ctx);
        }
        ctx.fireChannelRead(msg);
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
      }
    };

    final ChannelInboundHandlerAdapter watch = new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
          stop(headers);
          headers = null;
          inBody = true;
          body = ctx.executor().schedule(() -> timedOut(ctx, "its body", limits.bodyTimeout(), bodyTimeouts),
              limits.bodyTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        if (msg instanceof LastHttpContent) {
          stop(body);
          body = null;
          inBody = false;
        }
        ctx.fireChannelRead(msg);
      }
    };

    void armHeaders(ChannelHandlerContext ctx) {
      headers = ctx.executor().schedule(() -> timedOut(ctx, "a request's headers", limits.headerTimeout(), headerTimeouts),
          limits.headerTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void timedOut(ChannelHandlerContext ctx, String what, Duration limit, AtomicLong count) {
      count.incrementAndGet();
      LOG.debug("listener: {} sent {} too slowly (more than {}); answered 408 and closed", ctx.channel().remoteAddress(),
          what, limit);
      // written from before the decoder, so the bytes go straight to TLS
      pipelineHead(ctx).writeAndFlush(Unpooled.wrappedBuffer(TIMED_OUT)).addListener(ChannelFutureListener.CLOSE);
    }

    private ChannelHandlerContext pipelineHead(ChannelHandlerContext ctx) {
      ChannelHandlerContext first = ctx.pipeline().context(start);
      return first == null ? ctx : first;
    }

    private void cancel() {
      stop(headers);
      stop(body);
    }

    private void stop(ScheduledFuture<?> f) {
      if (f != null) {
        f.cancel(false);
      }
    }
  }
}
