package org.csssim.internal.scenario;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.csssim.internal.id.Ids;
import org.csssim.internal.message.Envelope;
import org.csssim.internal.message.Message;
import org.csssim.internal.registration.MeterPoint;
import org.csssim.internal.registration.Registrations;
import org.csssim.internal.scenario.expr.EvalContext;
import org.csssim.internal.scenario.expr.ExprException;
import org.csssim.internal.scenario.expr.Functions;
import org.csssim.internal.scenario.expr.Template;
import org.csssim.internal.scenario.expr.Values;

/**
 * Runs an instance's steps until it waits or ends. Every step's meaning is here. A step that
 * fails (an expression error, a message its schema refuses, an unknown recipient) fails the
 * instance with the step's place in its file, and is journaled where a message was involved.
 */
final class Interpreter {
  private final Effects effects;

  Interpreter(Effects effects) {
    this.effects = effects;
  }

  /** A failure of the step at {@code at}. */
  static final class StepFailure extends RuntimeException {
    StepFailure(String message) {
      super(message, null, false, false);
    }
  }

  /** Runs from where the instance is until it waits, ends or fails; {@code current} is the message being handled. */
  void run(Instance inst, Inbound current, Turn run) {
    steps(inst, current, run, true);
  }

  /**
   * Runs steps until the instance waits, ends or fails, or its steps run out. Running out ends
   * the instance in the main flow ({@code mainFlow}) or after a handler jumped with goto; at
   * the end of a handler's own steps the instance goes back to what it was waiting for.
   */
  private void steps(Instance inst, Inbound current, Turn run, boolean mainFlow) {
    inst.status = Instance.Status.running;
    try {
      while (inst.live() && !inst.stack.isEmpty()) {
        Instance.Frame frame = inst.stack.peek();
        if (frame.next >= frame.steps.size()) {
          inst.stack.pop();
          continue;
        }
        Step step = frame.steps.get(frame.next++);
        if (execute(inst, step, current, run)) {
          return;  // suspended in a wait
        }
      }
      if (inst.live() && inst.stack.isEmpty() && (mainFlow || inst.jumped)) {
        finish(inst, "Completed");
      }
    } catch (StepFailure | ExprException e) {
      fail(inst, e.getMessage());
    }
  }

  /**
   * Runs a message handler's steps. Afterwards the instance is back where it was (waiting, with
   * its deadline) unless the handler jumped or ended. Handlers cannot wait (the parser refuses it).
   */
  void handle(Instance inst, List<Step> handler, Inbound message, Turn run) {
    var saved = inst.stack;
    Step.Wait wait = inst.waiting;
    inst.stack = new ArrayDeque<>();
    inst.stack.push(new Instance.Frame(handler));
    inst.jumped = false;
    steps(inst, message, run, false);
    if (inst.live() && !inst.jumped && inst.stack.isEmpty()) {
      inst.stack = saved;
      inst.status = wait != null ? Instance.Status.waiting : Instance.Status.running;
    }
  }

  /** Executes one step; true when the instance now waits. */
  private boolean execute(Instance inst, Step step, Inbound current, Turn run) {
    EvalContext ctx = effects.context(inst, current);
    try {
      if (step instanceof Step.Set s) {
        s.values().forEach((k, t) -> inst.vars.put(k, t.render(ctx)));
      } else if (step instanceof Step.Send s) {
        send(inst, s, ctx, run);
      } else if (step instanceof Step.Forward f) {
        forward(inst, f, current, ctx, run);
      } else if (step instanceof Step.Reply r) {
        if (current != null && current.synchronous() && run.replyStatus == null) {
          run.replyStatus = r.status();
          run.replyBody = r.body() == null ? Map.of() : r.body().render(ctx);
        }
      } else if (step instanceof Step.If s) {
        inst.stack.push(new Instance.Frame(s.test().test(ctx) ? s.then() : s.otherwise()));
      } else if (step instanceof Step.Choose c) {
        inst.stack.push(new Instance.Frame(chosen(c, ctx)));
      } else if (step instanceof Step.Wait w) {
        return startWait(inst, w, ctx);
      } else if (step instanceof Step.SaveRegistration s) {
        saveRegistration(s, ctx, run);
      } else if (step instanceof Step.SaveMeterPoint s) {
        saveMeterPoint(s, ctx, run);
      } else if (step instanceof Step.Goto g) {
        effects.cancelWake(inst);
        inst.stack = new ArrayDeque<>(2);
        inst.stack.push(new Instance.Frame(inst.scenario.blocks().get(g.block())));
        inst.jumped = true;
      } else if (step instanceof Step.End e) {
        finish(inst, Values.text(e.outcome().render(ctx)));
      }
      return false;
    } catch (ExprException | StepFailure e) {
      throw new StepFailure(inst.scenario.file() + " at " + step.at() + ": " + e.getMessage());
    }
  }

  private static List<Step> chosen(Step.Choose c, EvalContext ctx) {
    for (Step.Rule r : c.rules()) {
      if (r.when().test(ctx)) {
        return r.steps();
      }
    }
    return c.otherwise();
  }

  private boolean startWait(Instance inst, Step.Wait w, EvalContext ctx) {
    Instant due = deadline(w, ctx);
    inst.waiting = w;
    inst.status = Instance.Status.waiting;
    inst.waitingUntil = due;
    inst.dropTriggerIfUnread();
    effects.waits(inst);
    return true;
  }

  /** When the wait ends: after a duration, after N working days (at a time of day), or at an instant or date. */
  private Instant deadline(Step.Wait w, EvalContext ctx) {
    Instant now = effects.clock().instant();
    LocalTime atTime = w.atTime() == null ? null : time(w.atTime().render(ctx));
    if (w.duration() != null) {
      Object d = w.duration().render(ctx);
      try {
        return now.plus(Duration.parse(Values.text(d)));
      } catch (DateTimeParseException e) {
        throw new StepFailure("duration '" + d + "' is not an ISO-8601 duration such as P5D or PT2H");
      }
    }
    if (w.workingDays() != null) {
      Object n = w.workingDays().render(ctx);
      if (!(n instanceof Number count)) {
        throw new StepFailure("workingDays must be a number, not '" + n + "'");
      }
      LocalDate today = LocalDate.ofInstant(now, Functions.UK);
      LocalDate day = effects.calendar().addWorkingDays(today, count.intValue());
      return atTime == null ? now.plus(Duration.ofDays(day.toEpochDay() - today.toEpochDay()))
          : ZonedDateTime.of(day, atTime, Functions.UK).toInstant();
    }
    if (w.until() != null) {
      String u = Values.text(w.until().render(ctx));
      try {
        if (u.length() == 10) {
          return ZonedDateTime.of(LocalDate.parse(u), atTime == null ? LocalTime.MIDNIGHT : atTime, Functions.UK).toInstant();
        }
        return Instant.parse(u);
      } catch (DateTimeParseException e) {
        throw new StepFailure("until '" + u + "' is neither a date YYYY-MM-DD nor an ISO instant");
      }
    }
    return null;
  }

  private static LocalTime time(Object t) {
    try {
      return LocalTime.parse(Values.text(t));
    } catch (DateTimeParseException e) {
      throw new StepFailure("at '" + t + "' is not a time of day such as 17:00");
    }
  }

  @SuppressWarnings("unchecked")
  private void send(Instance inst, Step.Send s, EvalContext ctx, Turn run) {
    List<String> recipients = recipients(s.to(), ctx);
    // the pack's further envelope members, and the send's own over them: the same for every recipient
    Map<String, Object> members = effects.envelopeMembers();
    if (s.envelope() != null) {
      members = merged(members, (Map<String, Object>) s.envelope().render(ctx));
    }
    for (String mpid : recipients) {
      Envelope envelope = new Envelope(Ids.next(), s.type(), effects.clock().instant().toString(),
          effects.envelopeVersion(),
          s.correlationId() == null ? inst.correlationId : Values.text(s.correlationId().render(ctx)),
          inst.actingMpid, inst.actingRole, s.contextType() == null ? null : Values.text(s.contextType().render(ctx)));
      effects.send(s, Message.write(effects.layout(), envelope, members, s.data() == null ? Map.of() : s.data().render(ctx)),
          mpid, run);
    }
  }

  /**
   * Passes the message being handled on, as the acting party: to the step's {@code to}, or to
   * the recipients the catalogue finds for its type, never back to its sender nor to the hub itself.
   */
  @SuppressWarnings("unchecked")
  private void forward(Instance inst, Step.Forward f, Inbound current, EvalContext ctx, Turn run) {
    if (current == null || current.message() == null || current.eventType() == null) {
      throw new StepFailure("forward passes on the message being handled, and there is none here (after a wait,"
          + " only a message handler has one)");
    }
    Message message = current.message();
    if (f.envelope() != null) {
      message = message.with((Map<String, Object>) f.envelope().render(ctx));
    }
    List<String> recipients = f.to() != null ? recipients(f.to(), ctx) : effects.addressees(message);
    String sender = message.senderMpid();
    for (String mpid : new java.util.LinkedHashSet<>(recipients)) {
      if (!mpid.equals(inst.actingMpid) && !mpid.equals(sender)) {
        effects.forward(message, inst.actingMpid, mpid, run);
      }
    }
  }

  /** {@code over} merged into {@code base}: maps member by member (a nested envelope block keeps the pack's members). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> merged(Map<String, Object> base, Map<String, Object> over) {
    Map<String, Object> out = new java.util.LinkedHashMap<>(base);
    over.forEach((k, v) -> out.put(k, out.get(k) instanceof Map<?, ?> am && v instanceof Map<?, ?> vm
        ? merged((Map<String, Object>) am, (Map<String, Object>) vm) : v));
    return out;
  }

  /** A step's {@code to}: an mpid, a role or a list of them, as the parties it names. */
  @SuppressWarnings("unchecked")
  private List<String> recipients(Template to, EvalContext ctx) {
    Object named = to.render(ctx);
    List<String> out = new java.util.ArrayList<>();
    for (Object r : named instanceof List<?> l ? (List<Object>) l : List.of(named)) {
      out.addAll(resolve(r));
    }
    return out;
  }

  /** An mpid, or a role: every party that holds it. */
  private List<String> resolve(Object r) {
    List<String> found = r instanceof String name ? effects.recipients(name) : List.of();
    if (found.isEmpty()) {
      throw new StepFailure("send to '" + r + "': no party or role of that name in this instance");
    }
    return found;
  }

  @SuppressWarnings("unchecked")
  private void saveRegistration(Step.SaveRegistration s, EvalContext ctx, Turn turn) {
    Map<String, Object> fields = new LinkedHashMap<>((Map<String, Object>) s.fields().render(ctx));
    String id = Values.text(fields.remove("registrationId"));
    Object mpxn = fields.remove("mpxn");
    try {
      effects.registrations().saveRegistration(id, mpxn instanceof String m ? m : null, fields, turn.unit);
    } catch (Registrations.Unreadable | Registrations.NoMpxn e) {
      throw new StepFailure(e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private void saveMeterPoint(Step.SaveMeterPoint s, EvalContext ctx, Turn turn) {
    Map<String, Object> fields = new LinkedHashMap<>((Map<String, Object>) s.fields().render(ctx));
    String mpxn = Values.text(fields.remove("mpxn"));
    var store = effects.registrations();
    Map<String, Object> attributes = new LinkedHashMap<>(store.meterPoint(mpxn).map(MeterPoint::attributes).orElse(Map.of()));
    attributes.putAll(fields);
    store.putMeterPoint(new MeterPoint(mpxn, attributes), turn.unit);
  }

  void finish(Instance inst, String outcome) {
    inst.outcome = outcome;
    close(inst, Instance.Status.ended);
  }

  void fail(Instance inst, String error) {
    inst.error = error;
    close(inst, Instance.Status.failed);
  }

  private void close(Instance inst, Instance.Status status) {
    effects.cancelWake(inst);
    inst.status = status;
    inst.stack.clear();
    effects.ended(inst);
  }

}
