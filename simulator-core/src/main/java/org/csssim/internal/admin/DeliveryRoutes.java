package org.csssim.internal.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import org.csssim.internal.delivery.WebhookDelivery;
import org.csssim.internal.error.ErrorCode;
import org.csssim.internal.http.Routes;
import org.csssim.internal.journal.JournalEntry;
import org.csssim.internal.journal.JournalQuery;
import org.csssim.internal.journal.JournalStore;
import org.csssim.internal.message.EnvelopeLayout;
import org.csssim.internal.message.Message;
import org.csssim.internal.routing.Routed;
import org.csssim.internal.routing.Router;
import org.csssim.internal.unit.Unit;
import org.csssim.internal.unit.Units;

/**
 * What delivery could not deliver, and sending again: {@code GET /dead-letters} and
 * {@code POST /messages/{eventId}/resend} (a message the simulator sent, again, with the same
 * eventId and body, routed as it was the first time).
 */
public final class DeliveryRoutes implements Routes {
  private final WebhookDelivery delivery;
  private final JournalStore journal;
  private final Router messages;
  private final Units units;
  private final Clock clock;
  private final EnvelopeLayout layout;

  /** {@code layout}: where the catalogue's messages keep their envelope, to read a journaled one again. */
  public DeliveryRoutes(WebhookDelivery delivery, JournalStore journal, Router messages, Units units, Clock clock,
                        EnvelopeLayout layout) {
    this.layout = layout;
    this.delivery = delivery;
    this.journal = journal;
    this.messages = messages;
    this.units = units;
    this.clock = clock;
  }

  @Override
  public void mount(io.vertx.ext.web.Router router) {
    String prefix = AdminApi.PREFIX;
    router.get(prefix + "/dead-letters").handler(ctx -> delivery.deadLetters(ctx.queryParams().get("mpid"))
        .onSuccess(list -> {
          JsonArray out = new JsonArray();
          list.forEach(m -> out.add(new JsonObject().put("eventId", m.eventId()).put("eventType", m.eventType())
              .put("to", m.recipientMpid()).put("mpxn", m.mpxn()).put("correlationId", m.correlationId())));
          respond(ctx, 200, out.encode());
        }).onFailure(AdminErrors.failed(ctx)));
    router.post(prefix + "/messages/:eventId/resend").handler(this::resend);
  }

  /** Sends a journaled outbound message again, with the same eventId and body. */
  private void resend(RoutingContext ctx) {
    String eventId = ctx.pathParam("eventId");
    journal.query(JournalQuery.byEventId(eventId)).onSuccess(entries -> {
      JournalEntry sent = entries.stream().filter(e -> e.direction() == JournalEntry.Direction.OUT && e.body() != null)
          .findFirst().orElse(null);
      if (sent == null) {
        AdminErrors.fail(ctx, ErrorCode.ADMIN_NOT_FOUND, "no message the simulator sent has eventId " + eventId
            + " in the journal", null);
        return;
      }
      if (sent.bodyTruncated()) {
        AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, "the journal kept only part of this message's body", null);
        return;
      }
      Routed m = Routed.sent(Message.of(sent.body().getBytes(java.nio.charset.StandardCharsets.UTF_8), layout),
          sent.recipientMpid(), sent.keys(), clock.instant());
      delivery.forgetDead(eventId).onSuccess(x -> {
        Unit unit = units.begin();
        messages.send(m, unit);
        unit.commit();
        respond(ctx, 202, new JsonObject().put("eventId", eventId).put("to", m.recipientMpid()).put("status", "Resent").encode());
      }).onFailure(AdminErrors.failed(ctx));
    }).onFailure(AdminErrors.failed(ctx));
  }

  private static void respond(RoutingContext ctx, int status, String body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
  }
}
