package org.csssim.internal.admin;

import static org.csssim.testing.Harness.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.csssim.internal.delivery.DeliveryOptions;
import org.csssim.internal.scenario.ScenarioOptions;
import org.csssim.internal.yaml.Location;
import org.csssim.testing.Harness;
import org.csssim.testing.TestFiles;
import org.csssim.testing.WebhookReceiver;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the OpenAPI file, called on a real instance with real data (a switch in
 * flight, a webhook, a dead letter, a run, an allocation), and each answer (status, content type,
 * headers and body) checked against the file by an OpenAPI validator. The test fails when an
 * answer differs from its schema, when an operation or a documented answer is not exercised, or
 * when an answer is one the file does not document.
 */
class OpenApiResponseTest {
  private static final String SPEC = new Location("classpath:openapi/admin.yaml").read();
  /**
   * The validator would treat every object without additionalProperties as closed, which breaks
   * allOf (Run is an Instance and more); the file says additionalProperties: false itself on each
   * closed object instead.
   */
  private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
      .createForInlineApiSpecification(SPEC)
      .withLevelResolver(LevelResolver.create().withLevel("validation.schema.additionalProperties",
          ValidationReport.Level.IGNORE).build())
      .build();

  /** Documented answers this test cannot bring about cheaply, each covered by the test named. */
  private static final Set<String> NOT_EXERCISED = Set.of(
      // a body the journal kept only part of: DeliveryRoutes refuses it (a journal limit that small breaks the rest)
      "resendMessage 400");

  private final Set<String> exercised = new TreeSet<>();
  private Harness h;

  @Test
  void everyOperationAnswersAsTheFileSays() throws Exception {
    Path pack = copyOfTheReferencePack();
    h = Harness.start(c -> Harness.physical("SUPA").apply(c.withScenarios(new ScenarioOptions(pack.toString()))
        .withDelivery(new DeliveryOptions(2, Duration.ofMillis(50), Duration.ofMillis(100), 4, false))));
    try (WebhookReceiver receiver = new WebhookReceiver(h)) {
      clock();
      String webhook = webhooks(receiver);
      String correlationId = aSwitchInFlight(receiver);
      parties();
      journal(correlationId);
      scenarios(pack);
      testData();
      events();
      connectivity();
      assertEquals(204, call(HttpMethod.DELETE, "/webhooks/" + webhook + "?reason=done", null).status());
      call(HttpMethod.DELETE, "/webhooks/" + webhook, null, 404);
      everyOperationNeedsTheToken();
    } finally {
      h.close();
    }
    Set<String> documented = documentedAnswers();
    documented.removeAll(NOT_EXERCISED);
    assertEquals(documented, exercised, "every documented answer of every operation is exercised");
  }

  /** A test of a webhook where nothing listens: quick, and its report has every kind of step. */
  private void connectivity() throws Exception {
    String id = call(HttpMethod.POST, "/connectivity-tests", "{\"direction\":\"to-participant\",\"target\":"
        + "\"https://127.0.0.1:1/hook\",\"timeout\":\"2s\"}", 202).json().getString("id");
    call(HttpMethod.POST, "/connectivity-tests", "{\"speed\":1}", 400);
    eventually(() -> {
      try {
        return !call(HttpMethod.GET, "/connectivity-tests/" + id, null, 200).json().getString("status").equals("running");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, "the connectivity test to end");
    assertEquals("failed", call(HttpMethod.GET, "/connectivity-tests/" + id, null, 200).json().getString("status"));
    call(HttpMethod.GET, "/connectivity-tests", null, 200);
    call(HttpMethod.GET, "/connectivity-tests/no-such-run", null, 404);
  }

  private void clock() throws Exception {
    call(HttpMethod.GET, "/clock", null, 200);
    call(HttpMethod.POST, "/clock", "{\"set\":\"2026-12-01T09:00:00Z\"}", 200);
    call(HttpMethod.POST, "/clock", "{\"advance\":\"soon\"}", 400);
  }

  /** A webhook for SUPA that takes pending notifications only, so the validation notification is a dead letter. */
  private String webhooks(WebhookReceiver receiver) throws Exception {
    String id = call(HttpMethod.POST, "/webhooks", "{\"mpid\":\"SUPA\",\"url\":\"" + receiver.url()
        + "\",\"eventTypes\":[\"RegistrationPendingNotification\"],\"reason\":\"openapi\"}", 201).json().getString("id");
    call(HttpMethod.POST, "/webhooks", "{\"mpid\":\"SUPA\",\"url\":\"ftp://nowhere\"}", 400);
    call(HttpMethod.GET, "/webhooks", null, 200);
    call(HttpMethod.GET, "/webhooks/changes", null, 200);
    return id;
  }

  private String aSwitchInFlight(WebhookReceiver receiver) throws Exception {
    String mpxn = h.sim.registrations().meterPoints().stream()
        .filter(m -> "SUPB".equals(m.attributes().get("supplierMpid")) && "E".equals(m.attributes().get("fuelType"))
            && "none".equals(m.attributes().get("objection")) && !m.attributes().containsKey("syncException"))
        .map(m -> m.mpxn()).sorted().findFirst().orElseThrow();
    ObjectNode m = Harness.switchRequest("SUPA");
    ((ObjectNode) m.get("data")).put("mpxn", mpxn);
    Harness.Response accepted = h.postSigned("/css/v1/switch-requests", m);
    assertEquals(202, accepted.status(), accepted.body());
    ObjectNode bad = Harness.switchRequest("SUPA");
    ((ObjectNode) bad.get("data")).remove("mpxn");
    assertEquals(422, h.postSigned("/css/v1/switch-requests", bad).status(), "a rejection, journaled with its errors");
    String corr = accepted.json().getString("correlationId");
    eventually(() -> receiver.types(corr).size() == 1, "the pending notification");
    eventually(() -> {
      try {
        return !new JsonArray(h.admin(HttpMethod.GET, "/dead-letters", null).body()).isEmpty();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, "the validation notification dead-lettered");
    call(HttpMethod.GET, "/outbox/SUPA", null, 200);
    call(HttpMethod.GET, "/outbox/SUPA?limit=1", null, 200);
    call(HttpMethod.GET, "/outbox/SUPA?limit=0", null, 400);
    JsonArray dead = new JsonArray(call(HttpMethod.GET, "/dead-letters?mpid=SUPA", null, 200).body());
    String deadId = dead.getJsonObject(0).getString("eventId");
    call(HttpMethod.GET, "/messages/" + deadId, null, 200);
    call(HttpMethod.POST, "/messages/" + deadId + "/resend", null, 202);
    call(HttpMethod.POST, "/messages/no-such-event/resend", null, 404);
    return corr;
  }

  private void parties() throws Exception {
    call(HttpMethod.PUT, "/parties/ERDA/faults", "{\"delay\":\"5ms\",\"dropRate\":0}", 200);
    call(HttpMethod.PUT, "/parties/ERDA/faults", "{\"sometimes\":true}", 400);
    call(HttpMethod.PUT, "/parties/NOBODY/faults", "{}", 404);
    call(HttpMethod.GET, "/parties", null, 200);
    call(HttpMethod.PUT, "/parties/ERDA/faults", "{}", 200);
    call(HttpMethod.PUT, "/parties/SUPC/connection", "{\"mode\":\"physical\",\"url\":\"https://localhost:9/supc\","
        + "\"lease\":{\"until\":\"2099-01-01T00:00:00Z\",\"purpose\":\"openapi\"},\"reason\":\"a test\"}", 200);
    call(HttpMethod.PUT, "/parties/SUPC/connection", "{\"mode\":\"sometimes\"}", 400);
    call(HttpMethod.PUT, "/parties/NOBODY/connection", "{\"mode\":\"simulated\"}", 404);
    call(HttpMethod.GET, "/parties", null, 200);
    call(HttpMethod.PUT, "/parties/SUPC/connection", "{\"mode\":\"simulated\",\"reason\":\"done\"}", 200);
  }

  private void journal(String correlationId) throws Exception {
    Harness.Response page = call(HttpMethod.GET, "/messages", null, 200);
    assertTrue(page.body().contains("\"attempt\"") && page.body().contains("\"errors\"") && page.body().contains("\"ADMIN\""),
        "the page has entries with attempts, with errors, and operator changes, so their schemas are checked");
    call(HttpMethod.GET, "/messages?correlationId=" + correlationId + "&format=jsonl", null, 200);
    call(HttpMethod.GET, "/messages?mpid=SUPA&format=csv", null, 200);
    call(HttpMethod.GET, "/messages?limit=0", null, 400);
    call(HttpMethod.GET, "/messages?limit=100001", null, 400);
    call(HttpMethod.GET, "/messages?order=newest&limit=5&before=1000000", null, 200);
    call(HttpMethod.GET, "/messages?order=sideways", null, 400);
    call(HttpMethod.GET, "/messages/no-such-event", null, 404);
    call(HttpMethod.GET, "/reconciliation?correlationId=" + correlationId, null, 200);
    call(HttpMethod.GET, "/reconciliation?since=2026-01-01T00:00:00Z&format=junit", null, 200);
    call(HttpMethod.GET, "/reconciliation", null, 400);
    call(HttpMethod.GET, "/reconciliation?runId=no-such-run", null, 404);
  }

  private void scenarios(Path pack) throws Exception {
    call(HttpMethod.GET, "/scenarios", null, 200);
    call(HttpMethod.POST, "/scenarios/reload", null, 200);
    String good = Files.readString(pack);
    Files.writeString(pack, good.replace("scenarios:", "scenarios: [nope.yaml]\nunused:"));
    call(HttpMethod.POST, "/scenarios/reload", null, 400);
    Files.writeString(pack, good);
    String mpxn = h.sim.registrations().meterPoints().stream()
        .filter(m -> "SUPB".equals(m.attributes().get("supplierMpid")) && "G".equals(m.attributes().get("fuelType")))
        .map(m -> m.mpxn()).sorted().findFirst().orElseThrow();
    String run = call(HttpMethod.POST, "/runs", "{\"scenario\":\"gaining-supplier\",\"as\":\"SUPC\",\"params\":{\"mpxn\":\""
        + mpxn + "\",\"fuelType\":\"G\"}}", 201).json().getString("id");
    call(HttpMethod.POST, "/runs", "{\"scenario\":\"gaining-supplier\"}", 400);
    call(HttpMethod.GET, "/runs/" + run, null, 200);
    call(HttpMethod.GET, "/runs/no-such-run", null, 404);
    call(HttpMethod.GET, "/instances", null, 200);
    call(HttpMethod.GET, "/instances?ended=true&scenario=css-switch", null, 200);
  }

  private void testData() throws Exception {
    call(HttpMethod.POST, "/test-data/allocations", "{\"for\":\"SUPA\",\"fuelType\":\"E\",\"count\":2,\"registeredTo\":\"SUPB\"}",
        201);
    call(HttpMethod.POST, "/test-data/allocations", "{\"for\":\"SUPA\",\"fuelType\":\"E\",\"count\":0}", 400);
    call(HttpMethod.POST, "/test-data/allocations", "{\"for\":\"SUPA\",\"fuelType\":\"E\",\"count\":1000}", 409);
    call(HttpMethod.GET, "/test-data/allocations", null, 200);
  }

  /** The event stream never ends: its status, headers and first chunk are checked, then it is closed. */
  private void events() throws Exception {
    firstChunk("/events");
    Harness.Response stream = firstChunk("/stats/stream");
    assertTrue(stream.body().startsWith("event: history\ndata: ["), stream.body());
    eventually(() -> {
      try {
        return !new JsonArray(call(HttpMethod.GET, "/stats", null, 200).body()).isEmpty();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, "a sample of the live figures");
  }

  /** The first chunk of a server-sent stream, checked against the file. */
  private Harness.Response firstChunk(String path) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      HttpClientAgent client = vertx.createHttpClient(Harness.clientOptions(h.dataDir));
      RequestOptions o = new RequestOptions().setAbsoluteURI(h.baseUrl() + "/admin/v1" + path)
          .putHeader("Authorization", "Bearer " + h.sim.adminToken().value());
      Harness.Response first = Harness.await(client.request(o).compose(req -> req.send().compose(r -> {
        var chunk = io.vertx.core.Promise.<Buffer>promise();
        r.handler(chunk::tryComplete);
        return chunk.future().map(b -> new Harness.Response(r.statusCode(),
            Map.of("content-type", r.getHeader("Content-Type")), b.toString(StandardCharsets.UTF_8)));
      })));
      validate(HttpMethod.GET, path, null, true, first);
      assertEquals(200, first.status());
      return first;
    } finally {
      Harness.await(vertx.close());
    }
  }

  /** Each operation, called without the token, answers 401 as documented. */
  private void everyOperationNeedsTheToken() throws Exception {
    for (String op : operations()) {
      String[] methodAndPath = op.split(" ");
      String path = methodAndPath[1].replaceAll("\\{[^}]+}", "x");
      HttpMethod method = HttpMethod.valueOf(methodAndPath[0]);
      Harness.Response r = h.send(method, "/admin/v1" + path, Map.of(), null);
      assertEquals(401, r.status(), op);
      validate(method, path, null, false, r);
    }
  }

  private Harness.Response call(HttpMethod method, String path, String body, int expected) throws Exception {
    Harness.Response r = call(method, path, body);
    assertEquals(expected, r.status(), method + " " + path + ": " + r.body());
    return r;
  }

  private Harness.Response call(HttpMethod method, String path, String body) throws Exception {
    Harness.Response r = h.admin(method, path, body);
    validate(method, path, body, true, r);
    return r;
  }

  /** Checks the request and its answer against the file, and records which documented answer it was. */
  private void validate(HttpMethod method, String pathAndQuery, String body, boolean token, Harness.Response r) {
    String[] parts = pathAndQuery.split("\\?", 2);
    SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(method.name()), "/admin/v1" + parts[0]);
    if (parts.length > 1) {
      for (String pair : parts[1].split("&")) {
        String[] kv = pair.split("=", 2);
        request.withQueryParam(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
      }
    }
    if (token) {
      request.withAuthorization("Bearer " + h.sim.adminToken().value());
    }
    if (body != null) {
      request.withContentType("application/json").withBody(body);
    }
    SimpleResponse.Builder response = SimpleResponse.Builder.status(r.status());
    r.headers().forEach(response::withHeader);
    if (!r.body().isEmpty()) {
      response.withBody(r.body());
    }
    // a refusal is the answer to a request the file does not allow: only the answer is checked
    ValidationReport report = r.status() >= 400
        ? VALIDATOR.validateResponse("/admin/v1" + parts[0], Request.Method.valueOf(method.name()), response.build())
        : VALIDATOR.validate(request.build(), response.build());
    assertFalse(report.hasErrors(), method + " " + pathAndQuery + " -> " + r.status() + " " + r.body() + "\n"
        + report.getMessages());
    exercised.add(operationId(method, parts[0]) + " " + r.status());
  }

  private static JsonNode spec() {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(SPEC);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** "METHOD /path/{param}" of every operation. */
  private static Set<String> operations() {
    Set<String> out = new TreeSet<>();
    spec().get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
        .forEachRemaining(m -> out.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
    return out;
  }

  /** "operationId status" of every documented answer. */
  private static Set<String> documentedAnswers() {
    Set<String> out = new TreeSet<>();
    spec().get("paths").forEach(path -> path.forEach(op -> op.get("responses").fieldNames()
        .forEachRemaining(status -> out.add(op.get("operationId").asText() + " " + status))));
    return out;
  }

  /** The operation whose path template matches; a literal segment wins over a parameter. */
  private static String operationId(HttpMethod method, String path) {
    Map<String, JsonNode> candidates = new LinkedHashMap<>();
    spec().get("paths").fields().forEachRemaining(p -> {
      JsonNode op = p.getValue().get(method.name().toLowerCase(Locale.ROOT));
      if (op != null && path.matches(p.getKey().replaceAll("\\{[^}]+}", "[^/]+"))) {
        candidates.put(p.getKey(), op);
      }
    });
    return candidates.entrySet().stream().min((a, b) -> Long.compare(a.getKey().chars().filter(c -> c == '{').count(),
        b.getKey().chars().filter(c -> c == '{').count())).map(e -> e.getValue().get("operationId").asText())
        .orElseThrow(() -> new AssertionError("no operation for " + method + " " + path));
  }

  /** The reference pack in a directory of the test's, so a reload can be made to fail. */
  private static Path copyOfTheReferencePack() throws Exception {
    return TestFiles.copyTree(Path.of("../scenarios/reference"), Files.createTempDirectory("openapi-pack"))
        .resolve("pack.yaml");
  }
}
