package org.csssim.internal.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.csssim.internal.scenario.expr.ExprException;
import org.csssim.internal.scenario.expr.Expression;
import org.csssim.internal.scenario.expr.Functions;
import org.csssim.internal.scenario.expr.Template;
import org.csssim.internal.yaml.ConfigException;
import org.csssim.internal.yaml.YamlBinder;
import org.csssim.internal.yaml.YamlTree;

/**
 * Reads one scenario file and checks everything that can be checked before it runs: its shape
 * (unknown keys and steps are errors), message types against the catalogue, every expression's
 * syntax, the variables, values and parameters it reads, the functions it calls, the parties
 * and roles it names, the blocks it jumps to. Each problem is reported as file:line, key, reason.
 */
public final class ScenarioParser {
  /** What a scenario is checked against. */
  /** What a scenario is checked against: the catalogue's types and envelope, the parties, the pack's values, the functions. */
  public record Context(Predicate<String> eventTypeKnown, Set<String> partyNames, Set<String> valueNames,
                        Functions functions, org.csssim.internal.message.EnvelopeLayout layout) {}

  static final Set<String> ROOTS = Set.of("message", "trigger", "ack", "vars", "values", "params", "instance", "self");
  private static final Set<String> TOP = Set.of("scenario", "description", "actsAs", "trigger", "key", "accepts", "on",
      "steps", "blocks", "params");
  private static final Set<String> PARTY_FUNCTIONS = Set.of("partyWithRole", "partiesWithRole");

  private final String yaml;
  private final String file;
  private final Context ctx;
  private final Set<String> vars = new LinkedHashSet<>();
  private final List<Runnable> deferred = new ArrayList<>();
  private Set<String> blockNames = Set.of();
  private Set<String> paramNames = Set.of();
  private int inHandler;

  private ScenarioParser(String yaml, String file, Context ctx) {
    this.yaml = yaml;
    this.file = file;
    this.ctx = ctx;
  }

  public static Scenario parse(String yaml, String file, Context ctx) {
    return new ScenarioParser(yaml, file, ctx).scenario();
  }

  @SuppressWarnings("unchecked")
  private Scenario scenario() {
    Object parsed = YamlTree.parse(yaml, file);
    if (!(parsed instanceof Map<?, ?>)) {
      throw new ConfigException(file + ": a scenario file is a mapping (scenario:, actsAs:, trigger:, steps: ...)");
    }
    Map<String, Object> doc = (Map<String, Object>) parsed;
    keys(doc, "", TOP);
    String name = text(doc, "", "scenario", true);
    List<String> actsAs = names(doc.get("actsAs"), "/actsAs");
    for (String a : actsAs) {
      if (!ctx.partyNames().contains(a)) {
        throw problem("/actsAs", "no party or role '" + a + "' in this instance; known: " + ctx.partyNames());
      }
    }
    Map<String, Scenario.Param> params = params(doc.get("params"));
    paramNames = params.keySet();
    Map<String, Object> blocksRaw = map(doc.get("blocks"), "/blocks");
    blockNames = blocksRaw.keySet();
    collectVars(doc);

    Scenario.Trigger trigger = trigger(map(doc.get("trigger"), "/trigger"));
    Expression key = doc.get("key") == null ? null : expression(doc.get("key"), "/key");
    if (key == null && !trigger.messages().isEmpty()) {
      throw problem("/key", "a message-triggered scenario needs a key, to find its instance again");
    }
    Map<String, Expression> accepts = new LinkedHashMap<>();
    map(doc.get("accepts"), "/accepts").forEach((type, expr) -> {
      eventType(type, "/accepts/" + type);
      accepts.put(type, expression(expr, "/accepts/" + type));
    });
    Map<String, List<Step>> on = handlers(doc.get("on"), "/on");
    on.keySet().forEach(t -> {
      if (!accepts.containsKey(t)) {
        throw problem("/on/" + t, t + " has a handler but is not in accepts, so it would never reach an instance");
      }
    });
    List<Step> steps = steps(doc.get("steps"), "/steps");
    Map<String, List<Step>> blocks = new LinkedHashMap<>();
    late = true;   // a block may be reached after a wait
    blocksRaw.forEach((b, s) -> blocks.put(b, steps(s, "/blocks/" + b)));
    deferred.forEach(Runnable::run);
    return new Scenario(name, (String) doc.get("description"), file, actsAs, trigger, key, accepts, on, steps, blocks, params,
        readsTriggerLate, new Vars.Names(List.copyOf(vars)));
  }

  private Scenario.Trigger trigger(Map<String, Object> t) {
    keys(t, "/trigger", Set.of("message", "when", "start", "timer"));
    List<String> messages = t.get("message") == null ? List.of() : names(t.get("message"), "/trigger/message");
    boolean operator = "operator".equals(t.get("start"));
    java.time.Instant at = null;
    java.time.Duration every = null;
    if (t.get("timer") != null) {
      Map<String, Object> timer = map(t.get("timer"), "/trigger/timer");
      keys(timer, "/trigger/timer", Set.of("at", "every"));
      try {
        at = timer.get("at") == null ? null : java.time.Instant.parse(String.valueOf(timer.get("at")));
        every = timer.get("every") == null ? null : java.time.Duration.parse(String.valueOf(timer.get("every")));
      } catch (java.time.format.DateTimeParseException e) {
        throw problem("/trigger/timer", "at is an ISO instant (2026-12-01T09:00:00Z), every an ISO duration (PT1H)");
      }
      if ((at == null && every == null) || (every != null && (every.isNegative() || every.toMinutes() < 1))) {
        throw problem("/trigger/timer", "a timer needs at and/or every, and every is at least a minute");
      }
    }
    int kinds = (messages.isEmpty() ? 0 : 1) + (operator ? 1 : 0) + (at != null || every != null ? 1 : 0);
    if (kinds != 1) {
      throw problem("/trigger", "a trigger is one of message: <eventType or list>, start: operator, timer: {at, every}");
    }
    messages.forEach(m -> eventType(m, "/trigger/message"));
    Expression when = t.get("when") == null ? null : expression(t.get("when"), "/trigger/when");
    return new Scenario.Trigger(messages, when, operator, at, every);
  }

  private Map<String, Scenario.Param> params(Object raw) {
    Map<String, Scenario.Param> out = new LinkedHashMap<>();
    map(raw, "/params").forEach((name, spec) -> {
      Map<String, Object> p = map(spec, "/params/" + name);
      keys(p, "/params/" + name, Set.of("description", "default", "required"));
      out.put(name, new Scenario.Param((String) p.get("description"), p.get("default"), Boolean.TRUE.equals(p.get("required"))));
    });
    return out;
  }

  private List<Step> steps(Object raw, String at) {
    if (raw == null) {
      return List.of();
    }
    if (!(raw instanceof List<?> list)) {
      throw problem(at, "a list of steps is expected");
    }
    List<Step> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(step(map(list.get(i), at + "/" + i), at + "/" + i));
    }
    return out;
  }

  private Step step(Map<String, Object> s, String at) {
    if (s.containsKey("if")) {
      keys(s, at, Set.of("if", "then", "else"));
      return new Step.If(at, expression(s.get("if"), at + "/if"), steps(s.get("then"), at + "/then"),
          steps(s.get("else"), at + "/else"));
    }
    if (s.size() != 1) {
      throw problem(at, "a step has one key (set, send, forward, reply, if, choose, wait, saveRegistration,"
          + " saveMeterPoint, goto, end); this one has " + s.keySet());
    }
    String kind = s.keySet().iterator().next();
    Object body = s.get(kind);
    String here = at + "/" + kind;
    return switch (kind) {
      case "set" -> {
        Map<String, Template> values = new LinkedHashMap<>();
        map(body, here).forEach((k, v) -> values.put(k, template(v, here + "/" + k)));
        yield new Step.Set(at, values);
      }
      case "send" -> send(map(body, here), here);
      case "forward" -> {
        Map<String, Object> f = body == null ? Map.of() : map(body, here);
        keys(f, here, Set.of("to", "envelope"));
        envelopeMembers(f, here);
        yield new Step.Forward(at, f.get("to") == null ? null : template(f.get("to"), here + "/to"),
            template(f.get("envelope"), here + "/envelope"));
      }
      case "reply" -> {
        Map<String, Object> r = map(body, here);
        keys(r, here, Set.of("status", "body"));
        if (!(r.get("status") instanceof Long status) || status < 200 || status > 599) {
          throw problem(here + "/status", "status must be an HTTP status, 200 to 599");
        }
        yield new Step.Reply(at, status.intValue(), template(r.get("body"), here + "/body"));
      }
      case "choose" -> choose(body, here);
      case "wait" -> {
        if (inHandler > 0) {
          throw problem(here, "a message handler cannot wait; jump to a block (goto) that waits instead");
        }
        yield waitStep(map(body, here), here);
      }
      case "saveRegistration" -> new Step.SaveRegistration(at, fields(body, here, "registrationId"));
      case "saveMeterPoint" -> new Step.SaveMeterPoint(at, fields(body, here, "mpxn"));
      case "goto" -> {
        String block = String.valueOf(body);
        deferred.add(() -> {
          if (!blockNames.contains(block)) {
            throw problem(here, "no block '" + block + "'; blocks: " + blockNames);
          }
        });
        yield new Step.Goto(at, block);
      }
      case "end" -> new Step.End(at, template(body == null ? "Completed" : body, here));
      default -> throw problem(here, "unknown step '" + kind + "'; steps are set, send, forward, reply, if, choose,"
          + " wait, saveRegistration, saveMeterPoint, goto, end");
    };
  }

  /** A step's {@code envelope}: a map of further members, none of which the simulator writes itself. */
  private void envelopeMembers(Map<String, Object> m, String at) {
    if (m.get("envelope") != null) {
      if (!(m.get("envelope") instanceof Map<?, ?> members)) {
        throw problem(at + "/envelope", "envelope is a map of further envelope members, e.g. {eventStatus: Ok}");
      }
      ctx.layout().clash(members).ifPresent(clash -> {
        throw problem(at + "/envelope" + clash.pointer(), clash.why() + " (or by contextType, data)");
      });
    }
  }

  private Step send(Map<String, Object> m, String at) {
    keys(m, at, Set.of("type", "to", "contextType", "correlationId", "envelope", "data"));
    envelopeMembers(m, at);
    String type = text(m, at, "type", true);
    eventType(type, at + "/type");
    if (m.get("to") == null) {
      throw problem(at + "/to", "send needs to: the recipient's mpid (an expression or a name)");
    }
    if (m.get("to") instanceof String s && !s.contains("${") && !ctx.partyNames().contains(s)) {
      throw problem(at + "/to", "no party '" + s + "' in this instance");
    }
    return new Step.Send(at, type, template(m.get("to"), at + "/to"), template(m.get("contextType"), at + "/contextType"),
        template(m.get("correlationId"), at + "/correlationId"), template(m.get("envelope"), at + "/envelope"),
        template(m.get("data"), at + "/data"));
  }

  private Step choose(Object body, String at) {
    if (!(body instanceof List<?> list) || list.isEmpty()) {
      throw problem(at, "choose takes a list of rules: - when: <condition> steps: [...]; and last - otherwise: [...]");
    }
    List<Step.Rule> rules = new ArrayList<>();
    List<Step> otherwise = List.of();
    for (int i = 0; i < list.size(); i++) {
      String here = at + "/" + i;
      Map<String, Object> r = map(list.get(i), here);
      if (r.containsKey("otherwise")) {
        keys(r, here, Set.of("otherwise"));
        if (i != list.size() - 1) {
          throw problem(here, "otherwise comes last");
        }
        otherwise = steps(r.get("otherwise"), here + "/otherwise");
      } else {
        keys(r, here, Set.of("when", "steps"));
        rules.add(new Step.Rule(expression(r.get("when"), here + "/when"), steps(r.get("steps"), here + "/steps")));
      }
    }
    return new Step.Choose(at, rules, otherwise);
  }

  /**
   * Whether an instance must keep the message that started it once it waits: when an
   * expression reads {@code trigger}, or reads {@code message} outside a handler in a step
   * that may run after a wait (later in the steps, or in a block). A waiting instance of any
   * other scenario drops it, which is most of a waiting instance's heap.
   */
  private boolean readsTriggerLate;
  /** Parsing steps that may run after a wait. */
  private boolean late;
  private Step waitStep(Map<String, Object> w, String at) {
    try {
      return waitStepParsed(w, at);
    } finally {
      late = true;
    }
  }

  private Step waitStepParsed(Map<String, Object> w, String at) {
    keys(w, at, Set.of("duration", "workingDays", "until", "at", "on"));
    int times = (w.containsKey("duration") ? 1 : 0) + (w.containsKey("workingDays") ? 1 : 0) + (w.containsKey("until") ? 1 : 0);
    if (times > 1) {
      throw problem(at, "a wait has at most one of duration, workingDays, until");
    }
    if (times == 0 && !w.containsKey("on")) {
      throw problem(at, "a wait needs a time (duration, workingDays, until) or messages to wait for (on)");
    }
    if (w.containsKey("at") && w.containsKey("duration")) {
      throw problem(at + "/at", "at (a time of day) goes with workingDays or until, not duration");
    }
    return new Step.Wait(at, template(w.get("duration"), at + "/duration"), template(w.get("workingDays"), at + "/workingDays"),
        template(w.get("until"), at + "/until"), template(w.get("at"), at + "/at"), handlers(w.get("on"), at + "/on"));
  }

  /** Message handlers: they run while the instance waits, so they cannot wait themselves. */
  private Map<String, List<Step>> handlers(Object raw, String at) {
    Map<String, List<Step>> out = new LinkedHashMap<>();
    inHandler++;
    try {
      map(raw, at).forEach((type, steps) -> {
        eventType(type, at + "/" + type);
        out.put(type, steps(steps, at + "/" + type));
      });
    } finally {
      inHandler--;
    }
    return out;
  }

  private Template fields(Object body, String at, String required) {
    Map<String, Object> m = map(body, at);
    if (!m.containsKey(required)) {
      throw problem(at, "needs " + required);
    }
    return template(m, at);
  }

  // ---- expressions and the names they read ----

  private Expression expression(Object raw, String at) {
    if (!(raw instanceof String s)) {
      throw problem(at, "an expression (text) is expected");
    }
    try {
      Expression e = Expression.parse(s);
      check(e, at);
      return e;
    } catch (ExprException ex) {
      throw problem(at, ex.getMessage());
    }
  }

  private Template template(Object raw, String at) {
    if (raw == null) {
      return null;
    }
    try {
      Template t = Template.compile(raw);
      t.expressions().forEach(e -> check(e, at));
      return t;
    } catch (ExprException ex) {
      throw problem(at, ex.getMessage());
    }
  }

  private void check(Expression e, String at) {
    for (Expression.Reference r : e.references()) {
      if ("trigger".equals(r.root()) || ("message".equals(r.root()) && late && inHandler == 0)) {
        readsTriggerLate = true;
      }
      if (!ROOTS.contains(r.root())) {
        throw problem(at, "'" + r.root() + "' is not defined; expressions read " + ROOTS + " (in: " + e + ")");
      }
      Set<String> declared = switch (r.root()) {
        case "vars" -> vars;
        case "values" -> ctx.valueNames();
        case "params" -> paramNames;
        default -> null;
      };
      if (declared != null && r.member() != null && !declared.contains(r.member())) {
        throw problem(at, r.root() + "." + r.member() + " is not defined; defined: " + declared + " (in: " + e + ")");
      }
    }
    for (Expression.CallSite call : e.calls()) {
      String wrong = ctx.functions().checkArity(call.function(), call.arguments());
      if (wrong != null) {
        throw problem(at, wrong + " (in: " + e + ")");
      }
    }
    for (String fn : PARTY_FUNCTIONS) {
      for (String role : e.literalArguments(fn)) {
        if (!ctx.partyNames().contains(role)) {
          throw problem(at, "no party has the role '" + role + "' in this instance (in: " + e + ")");
        }
      }
    }
  }

  /** Every variable any set step defines: a scenario may read vars.x anywhere once some step sets x. */
  @SuppressWarnings("unchecked")
  private void collectVars(Object node) {
    if (node instanceof Map<?, ?> m) {
      if (m.size() == 1 && m.get("set") instanceof Map<?, ?> set) {
        set.keySet().forEach(k -> vars.add(String.valueOf(k)));
      }
      m.values().forEach(this::collectVars);
    } else if (node instanceof List<?> l) {
      l.forEach(this::collectVars);
    }
  }

  // ---- shape helpers ----

  private void eventType(String type, String at) {
    if (!ctx.eventTypeKnown().test(type)) {
      throw problem(at, "unknown message type '" + type + "' (not in the catalogue)");
    }
  }

  private void keys(Map<String, Object> m, String at, Set<String> allowed) {
    for (String k : m.keySet()) {
      if (!allowed.contains(k)) {
        throw problem(at + "/" + k, "unknown key '" + k + "'; allowed here: " + allowed);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> map(Object raw, String at) {
    if (raw == null) {
      return Map.of();
    }
    if (!(raw instanceof Map<?, ?> m)) {
      throw problem(at, "a mapping (key: value) is expected");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  /** A name or a list of names. */
  private List<String> names(Object raw, String at) {
    List<?> list = raw instanceof List<?> l ? l : raw == null ? List.of() : List.of(raw);
    if (list.isEmpty() || !list.stream().allMatch(x -> x instanceof String)) {
      throw problem(at, "a name or a list of names is expected");
    }
    return list.stream().map(String::valueOf).toList();
  }

  private String text(Map<String, Object> m, String at, String key, boolean required) {
    Object v = m.get(key);
    if (v == null && required) {
      throw problem(at + "/" + key, key + " is required");
    }
    if (v != null && !(v instanceof String)) {
      throw problem(at + "/" + key, key + " must be text");
    }
    return (String) v;
  }

  private ConfigException problem(String pointer, String message) {
    return YamlBinder.problem(yaml, file, pointer.isEmpty() ? "/" : pointer, message);
  }
}
