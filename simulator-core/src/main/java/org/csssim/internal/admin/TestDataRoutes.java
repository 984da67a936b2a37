package org.csssim.internal.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.csssim.internal.error.ErrorCode;
import org.csssim.internal.http.Routes;
import org.csssim.internal.registration.Allocation;
import org.csssim.internal.registration.Registrations;
import org.csssim.internal.registration.TestDataAllocator;

/**
 * {@code POST /test-data/allocations} with {@code {"for":"SUPA","fuelType":"E","count":5,"registeredTo":"SUPB"}}
 * answers 201 with the allocation; {@code GET} lists every allocation of this data set.
 * {@code "unregistered":true} asks for meter points with no supplier; {@code "create":true}
 * makes the ones the data set lacks (up to {@value #MAX_CREATE} at a time), as a load test needs;
 * {@code "having":{"objection":"objects"}} asks for meter points with those attributes.
 */
public final class TestDataRoutes implements Routes {
  private static final int MAX_ALLOCATE = 1000;
  static final int MAX_CREATE = 100_000;

  private final TestDataAllocator allocator;
  private final Registrations store;

  public TestDataRoutes(TestDataAllocator allocator, Registrations store) {
    this.allocator = allocator;
    this.store = store;
  }

  @Override
  public void mount(Router router) {
    router.post(AdminApi.PREFIX + "/test-data/allocations").handler(this::allocate);
    router.get(AdminApi.PREFIX + "/test-data/allocations").handler(ctx -> {
      JsonArray out = new JsonArray();
      store.allocations().forEach(a -> out.add(json(a)));
      ctx.response().putHeader("Content-Type", "application/json").end(out.encode());
    });
  }

  private void allocate(RoutingContext ctx) {
    JsonObject body = AdminJson.object(ctx);
    if (body == null) {
      return;
    }
    String forMpid = AdminJson.text(body, "for");
    String fuelType = AdminJson.text(body, "fuelType");
    Object count = body.getValue("count");
    String registeredTo = AdminJson.text(body, "registeredTo");
    boolean unregistered = Boolean.TRUE.equals(body.getValue("unregistered"));
    boolean create = Boolean.TRUE.equals(body.getValue("create"));
    String like = AdminJson.text(body, "like");
    Object having = body.getValue("having");
    if (having != null && !(having instanceof JsonObject)) {
      AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, "having is an object of meter point attributes", "/having");
      return;
    }
    if (forMpid == null || fuelType == null) {
      AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, "for and fuelType are required strings",
          forMpid == null ? "/for" : "/fuelType");
      return;
    }
    if (store.meterPoints().stream().noneMatch(m -> fuelType.equals(m.attributes().get("fuelType")))) {
      // a fuel type nothing has is a mistake in the request, not test data run out
      AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, "no meter point of this data set has fuelType " + fuelType
          + "; it has " + fuelTypes(), "/fuelType");
      return;
    }
    int max = create ? MAX_CREATE : MAX_ALLOCATE;
    if (!(count instanceof Integer n) || n < 1 || n > max) {
      AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, "count must be a whole number from 1 to " + max, "/count");
      return;
    }
    if (unregistered && registeredTo != null) {
      AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, "registeredTo and unregistered exclude each other", "/unregistered");
      return;
    }
    try {
      allocator.allocate(new TestDataAllocator.Request(forMpid, fuelType, n, registeredTo, unregistered, create, like,
              having == null ? null : ((JsonObject) having).getMap()))
          .onSuccess(a -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
              .end(json(a).encode()))
          .onFailure(e -> AdminErrors.fail(ctx, ErrorCode.INTERNAL_ERROR, "the allocation could not be stored: "
              + e.getMessage(), null));
    } catch (TestDataAllocator.Exhausted e) {
      AdminErrors.fail(ctx, ErrorCode.TEST_DATA_EXHAUSTED, e.getMessage(), "/count");
    }
  }

  private java.util.SortedSet<Object> fuelTypes() {
    return store.meterPoints().stream().map(m -> m.attributes().get("fuelType")).filter(java.util.Objects::nonNull)
        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
  }

  private static JsonObject json(Allocation a) {
    return new JsonObject().put("id", a.id()).put("for", a.forMpid()).put("fuelType", a.fuelType())
        .put("registeredTo", a.registeredTo()).put("count", a.mpxns().size()).put("mpxns", new JsonArray(a.mpxns()))
        .put("at", a.at().toString());
  }
}
