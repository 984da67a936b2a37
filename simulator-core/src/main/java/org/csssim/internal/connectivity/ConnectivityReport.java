package org.csssim.internal.connectivity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.csssim.internal.json.Json;

/**
 * A connectivity test's result: every step in order. Read as text by a person, as JUnit XML
 * by CI (one test case a step, a failure for FAIL, skipped for SKIP; a WARN passes with its
 * finding in system-out), and as JSON by a program.
 */
public record ConnectivityReport(String direction, String target, Instant started, List<Step> steps) {
  private static final String[] PHASES = {"", "environment", "network", "certificates and registration", "message exchange"};

  public boolean passed() {
    return steps.stream().noneMatch(s -> s.status() == Step.Status.FAIL);
  }

  /** 0: every step passed (warnings allowed); 1: a step failed. */
  public int exitStatus() {
    return passed() ? 0 : 1;
  }

  public long count(Step.Status status) {
    return steps.stream().filter(s -> s.status() == status).count();
  }

  public String toText() {
    StringBuilder out = new StringBuilder();
    out.append("Connectivity test, ").append(direction).append(": ").append(target).append('\n');
    int phase = 0;
    for (Step s : steps) {
      if (s.phase() != phase) {
        phase = s.phase();
        out.append("\nPhase ").append(phase).append(": ").append(PHASES[phase]).append('\n');
      }
      out.append(String.format("  %-4s  %s: %s%n", s.status(), s.name(), s.seen()));
      if (s.fix() != null) {
        out.append("        fix: ").append(s.fix()).append('\n');
      }
    }
    out.append(String.format("%n%s: %d passed, %d warned, %d failed, %d skipped%n", passed() ? "PASSED" : "FAILED",
        count(Step.Status.PASS), count(Step.Status.WARN), count(Step.Status.FAIL), count(Step.Status.SKIP)));
    return out.toString();
  }

  public ObjectNode toJsonTree() {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("direction", direction).put("target", target).put("started", started.toString())
        .put("passed", passed());
    ArrayNode list = root.putArray("steps");
    for (Step s : steps) {
      ObjectNode n = list.addObject().put("phase", s.phase()).put("step", s.name()).put("status", s.status().name())
          .put("seen", s.seen()).put("millis", s.millis());
      if (s.fix() != null) {
        n.put("fix", s.fix());
      }
    }
    return root;
  }

  public String toJson() {
    return toJsonTree().toPrettyString();
  }

  public String toJunitXml() {
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append(String.format("<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" skipped=\"%d\" time=\"%.3f\" timestamp=\"%s\">%n",
        xml("connectivity " + direction + " " + target), steps.size(), count(Step.Status.FAIL), count(Step.Status.SKIP),
        steps.stream().mapToLong(Step::millis).sum() / 1000.0, started));
    for (Step s : steps) {
      out.append(String.format("  <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\">",
          xml("phase " + s.phase() + " " + PHASES[s.phase()]), xml(s.name()), s.millis() / 1000.0));
      switch (s.status()) {
        case FAIL -> out.append("<failure message=\"").append(xml(s.seen())).append("\">")
            .append(xml(s.fix() == null ? s.seen() : s.seen() + "\nfix: " + s.fix())).append("</failure>");
        case SKIP -> out.append("<skipped message=\"").append(xml(s.seen())).append("\"/>");
        case WARN -> out.append("<system-out>").append(xml("WARN " + s.seen() + (s.fix() == null ? "" : "\nfix: " + s.fix())))
            .append("</system-out>");
        case PASS -> out.append("<system-out>").append(xml(s.seen())).append("</system-out>");
      }
      out.append("</testcase>\n");
    }
    return out.append("</testsuite>\n").toString();
  }

  private static String xml(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : String.valueOf(s).toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
      }
    }
    return out.toString();
  }
}
