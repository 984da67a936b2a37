package org.csssim.internal.admin;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.function.Supplier;
import org.csssim.internal.error.ErrorCode;
import org.csssim.internal.http.Routes;
import org.csssim.internal.journal.JournalEntry;
import org.csssim.internal.journal.JournalStore;
import org.csssim.internal.party.FaultProfile;
import org.csssim.internal.party.Faults;
import org.csssim.internal.party.PartyRegistry;
import org.csssim.internal.yaml.Durations;
import org.csssim.internal.yaml.InvalidValue;

/** {@code PUT /parties/{mpid}/faults}: the faults injected for a party now, each change journaled with who made it. */
public final class FaultRoutes implements Routes {
  private final Supplier<PartyRegistry> parties;
  private final Faults faults;
  private final JournalStore journal;
  private final Clock clock;
  private final String by;

  public FaultRoutes(Supplier<PartyRegistry> parties, Faults faults, JournalStore journal, Clock clock, String by) {
    this.parties = parties;
    this.faults = faults;
    this.journal = journal;
    this.clock = clock;
    this.by = by;
  }

  @Override
  public void mount(Router router) {
    router.put(AdminApi.PREFIX + "/parties/:mpid/faults").handler(this::faults);
  }

  /** {@code {"delay":"2s","dropRate":0.1,"duplicateRate":0,"reorder":false,"errorRate":0,"timeoutRate":0}}; {} clears them. */
  private void faults(RoutingContext ctx) {
    String mpid = ctx.pathParam("mpid");
    JsonObject body = PartyRoutes.partyAndBody(ctx, parties, mpid);
    if (body == null) {
      return;
    }
    FaultProfile f;
    try {
      for (String k : body.fieldNames()) {
        if (!java.util.Set.of("delay", "dropRate", "duplicateRate", "reorder", "errorRate", "timeoutRate").contains(k)) {
          throw new InvalidValue(k, "unknown fault " + k);
        }
      }
      f = new FaultProfile(body.getString("delay") == null ? null : Durations.parse(body.getString("delay")),
          body.getDouble("dropRate"), body.getDouble("duplicateRate"), body.getBoolean("reorder"), body.getDouble("errorRate"),
          body.getDouble("timeoutRate"));
    } catch (InvalidValue e) {
      AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, e.getMessage(), "/" + e.key());
      return;
    } catch (IllegalArgumentException | ClassCastException e) {
      AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, "delay is a duration (250ms, 2s, PT2S), rates are numbers 0 to 1, "
          + "reorder is true or false", null);
      return;
    }
    faults.set(mpid, f);
    journal.append(JournalEntry.change(clock.instant(), "PUT", ctx.request().path(), "FaultsChanged",
        mpid, json(f).put("by", by).encode()));
    ctx.response().putHeader("Content-Type", "application/json").end(json(f).encode());
  }

  static JsonObject json(FaultProfile f) {
    return new JsonObject().put("delay", f.delay().toString()).put("dropRate", f.dropRate())
        .put("duplicateRate", f.duplicateRate()).put("reorder", f.reorder()).put("errorRate", f.errorRate())
        .put("timeoutRate", f.timeoutRate());
  }
}
