package org.csssim.internal.reconciliation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.csssim.internal.journal.JournalEntry;

/**
 * Reconciles journal entries flow by flow (correlationId): every message that came in and what
 * became of it, every message that went out and whether it was delivered and acknowledged, and
 * what is missing, duplicated or unexpected.
 *
 * <ul>
 *   <li>missing: sent to a physical party and never acknowledged (dropped by a fault,
 *       dead-lettered, or still pending);</li>
 *   <li>duplicated: acknowledged more than once (an injected duplicate, a resend), or an
 *       inbound message sent again with the same eventId;</li>
 *   <li>unexpected: an inbound message the intake refused, or a message a script could not
 *       send because its schema refused it.</li>
 * </ul>
 */
public final class Reconciliation {
  private Reconciliation() {}

  /** One message and its verdict. */
  public record Item(String direction, String eventId, String eventType, String from, String to, String status,
                     int acknowledged, int attempts, String problem) {}

  public record Flow(String correlationId, List<Item> items) {
    public boolean ok() {
      return items.stream().allMatch(i -> i.problem() == null);
    }
  }

  public static List<Flow> of(List<JournalEntry> entries) {
    Map<String, Map<String, List<JournalEntry>>> byFlow = new LinkedHashMap<>();
    for (JournalEntry e : entries) {
      if (e.direction() == JournalEntry.Direction.ADMIN) {
        continue;
      }
      String flow = e.correlationId() == null ? "(none)" : e.correlationId();
      String key = e.direction() + ":" + (e.eventId() == null ? "seq" + e.seq() : e.eventId()) + ":" + e.recipientMpid();
      byFlow.computeIfAbsent(flow, k -> new LinkedHashMap<>()).computeIfAbsent(key, k -> new ArrayList<>()).add(e);
    }
    List<Flow> flows = new ArrayList<>();
    byFlow.forEach((corr, messages) -> {
      List<Item> items = new ArrayList<>();
      messages.values().forEach(history -> items.add(history.get(0).direction() == JournalEntry.Direction.IN
          ? inbound(history) : outbound(history)));
      flows.add(new Flow(corr, items));
    });
    return flows;
  }

  private static Item inbound(List<JournalEntry> history) {
    JournalEntry first = history.get(0);
    long replays = history.stream().filter(e -> e.outcome() == JournalEntry.Outcome.DUPLICATE).count();
    boolean refused = history.stream().allMatch(e -> e.outcome() == JournalEntry.Outcome.REJECTED);
    String status = refused ? "rejected " + first.status() + " " + first.errors().get(0).code() : first.outcome().name().toLowerCase();
    String problem = refused ? "unexpected: refused at the intake (" + first.errors().get(0).code() + ")"
        : replays > 0 ? "duplicated: sent " + (replays + 1) + " times" : null;
    return new Item("in", first.eventId(), first.eventType(), first.senderMpid(), null, status, 0, 0, problem);
  }

  private static Item outbound(List<JournalEntry> history) {
    JournalEntry first = history.get(0);
    int acks = (int) count(history, JournalEntry.Outcome.ACKNOWLEDGED);
    int attempts = (int) history.stream().filter(e -> e.attempt() != null && e.attempt().number() > 0).count();
    String status;
    String problem = null;
    if (has(history, JournalEntry.Outcome.FAILED)) {
      status = "failed";
      problem = "unexpected: the script's message was refused by its schema";
    } else if (has(history, JournalEntry.Outcome.DELIVERED)) {
      status = "delivered to the party's scripts";
    } else if (acks == 1) {
      status = "acknowledged";
    } else if (acks > 1) {
      status = "acknowledged";
      problem = "duplicated: acknowledged " + acks + " times";
    } else if (has(history, JournalEntry.Outcome.DROPPED)) {
      status = "dropped";
      problem = "missing: dropped by an injected fault";
    } else if (has(history, JournalEntry.Outcome.DEAD_LETTERED)) {
      status = "dead-lettered";
      problem = "missing: dead-lettered after " + attempts + " attempts";
    } else {
      status = "pending";
      problem = "missing: not acknowledged yet";
    }
    return new Item("out", first.eventId(), first.eventType(), first.senderMpid(), first.recipientMpid(), status, acks,
        attempts, problem);
  }

  private static boolean has(List<JournalEntry> history, JournalEntry.Outcome o) {
    return count(history, o) > 0;
  }

  private static long count(List<JournalEntry> history, JournalEntry.Outcome o) {
    return history.stream().filter(e -> e.outcome() == o).count();
  }

  public static JsonObject json(List<Flow> flows) {
    JsonArray out = new JsonArray();
    int missing = 0;
    int duplicated = 0;
    int unexpected = 0;
    for (Flow f : flows) {
      JsonArray items = new JsonArray();
      for (Item i : f.items()) {
        items.add(new JsonObject().put("direction", i.direction()).put("eventId", i.eventId()).put("eventType", i.eventType())
            .put("from", i.from()).put("to", i.to()).put("status", i.status()).put("acknowledged", i.acknowledged())
            .put("attempts", i.attempts()).put("problem", i.problem()));
        if (i.problem() != null) {
          missing += i.problem().startsWith("missing") ? 1 : 0;
          duplicated += i.problem().startsWith("duplicated") ? 1 : 0;
          unexpected += i.problem().startsWith("unexpected") ? 1 : 0;
        }
      }
      out.add(new JsonObject().put("correlationId", f.correlationId()).put("ok", f.ok()).put("messages", items));
    }
    return new JsonObject()
        .put("ok", missing + duplicated + unexpected == 0)
        .put("summary", new JsonObject().put("flows", flows.size()).put("missing", missing).put("duplicated", duplicated)
            .put("unexpected", unexpected))
        .put("flows", out);
  }

  /** JUnit XML for CI: a test suite per flow, a test case per message, a failure per problem. */
  public static String junit(List<Flow> flows) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    long tests = flows.stream().mapToLong(f -> f.items().size()).sum();
    long failures = flows.stream().flatMap(f -> f.items().stream()).filter(i -> i.problem() != null).count();
    sb.append("<testsuites name=\"css-simulator reconciliation\" tests=\"").append(tests).append("\" failures=\"")
        .append(failures).append("\">\n");
    for (Flow f : flows) {
      long ff = f.items().stream().filter(i -> i.problem() != null).count();
      sb.append("  <testsuite name=\"").append(xml(f.correlationId())).append("\" tests=\"").append(f.items().size())
          .append("\" failures=\"").append(ff).append("\">\n");
      for (Item i : f.items()) {
        sb.append("    <testcase classname=\"").append(xml(f.correlationId())).append("\" name=\"")
            .append(xml(i.direction() + " " + i.eventType() + " " + i.eventId() + (i.to() == null ? "" : " to " + i.to())))
            .append("\"");
        if (i.problem() == null) {
          sb.append("/>\n");
        } else {
          sb.append(">\n      <failure message=\"").append(xml(i.problem())).append("\">").append(xml(i.status()))
              .append("</failure>\n    </testcase>\n");
        }
      }
      sb.append("  </testsuite>\n");
    }
    return sb.append("</testsuites>\n").toString();
  }

  private static String xml(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
