package org.csssim.wire;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * The seam between the intake and what acts on a message (the scenario engine and router).
 * Called once for each accepted message, never for duplicates or rejections, after the
 * message is journaled. It may supply the synchronous reply; when it supplies none the
 * catalogue's acknowledgement is sent.
 */
public interface InboundListener {
  Future<Optional<Reply>> accepted(AcceptedMessage message);

  /** A synchronous answer in place of the default acknowledgement. */
  record Reply(int status, String contentType, byte[] body) {}
}
