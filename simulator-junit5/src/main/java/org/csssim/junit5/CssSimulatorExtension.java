package org.csssim.junit5;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.csssim.CssSimulator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts and stops an in-process CSS Simulator around JUnit 5 tests, and injects it as a
 * {@link CssSimulator} parameter. Used by {@link CssSimulatorTest}, or registered with options:
 *
 * <pre>{@code
 * @RegisterExtension
 * static CssSimulatorExtension css = CssSimulatorExtension.configure(b -> b.clockAt(Instant.parse("2026-12-01T09:00:00Z")));
 * }</pre>
 *
 * A static field gives one simulator for the class; an instance field a fresh one for each test
 * (as with WireMock's extension). The data directory it made is deleted after the simulator
 * stops; one the options named is left as it is.
 */
public final class CssSimulatorExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
    AfterAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CssSimulatorExtension.class);
  private static final String KEY = "simulator";

  /** Options applied to the builder after the defaults; null when the annotation gives them. */
  private final Consumer<CssSimulator.Builder> options;
  private CssSimulator registered;

  /** As {@link CssSimulatorTest} uses it: the options come from the annotation. */
  public CssSimulatorExtension() {
    this.options = null;
  }

  private CssSimulatorExtension(Consumer<CssSimulator.Builder> options) {
    this.options = options;
  }

  /** The PIT defaults, memory store, free port, temporary data directory. */
  public static CssSimulatorExtension newInstance() {
    return new CssSimulatorExtension(b -> { });
  }

  /** The defaults, then {@code options} (a pack, a store, where the clock starts, ...). */
  public static CssSimulatorExtension configure(Consumer<CssSimulator.Builder> options) {
    return new CssSimulatorExtension(options);
  }

  /** The running simulator, for a test that registered the extension in a field. */
  public CssSimulator simulator() {
    if (registered == null) {
      throw new IllegalStateException("the simulator runs only while a test of the class runs");
    }
    return registered;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (perClass(context) && find(context).isEmpty()) {
      start(context);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (find(context).isEmpty()) {
      start(context);   // per method: an instance field, or lifecycle PER_METHOD
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    stop(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == CssSimulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return find(context).map(Running::simulator).orElseThrow(() -> new ParameterResolutionException(
        "no CSS Simulator runs here: a per-test simulator is not started yet in @BeforeAll or a constructor"));
  }

  /** A simulator the extension started in {@code context}, and the data directory it made (null: the user's). */
  private record Running(CssSimulator simulator, Path madeDirectory) {}

  private boolean perClass(ExtensionContext context) {
    if (options != null) {
      return true;   // beforeAll is called only for a static field: that is what per class means here
    }
    return annotation(context).map(a -> a.lifecycle() == CssSimulatorTest.Lifecycle.PER_CLASS).orElse(true);
  }

  private static Optional<CssSimulatorTest> annotation(ExtensionContext context) {
    return context.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, CssSimulatorTest.class));
  }

  /** The one started here or in an enclosing context (a nested class shares its outer class's). */
  private static Optional<Running> find(ExtensionContext context) {
    return Optional.ofNullable(context.getStore(NAMESPACE).get(KEY, Running.class));
  }

  private void start(ExtensionContext context) {
    Path dir;
    try {
      dir = Files.createTempDirectory("css-simulator-junit");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a data directory for the simulator", e);
    }
    CssSimulator.Builder builder = CssSimulator.builder().dataDirectory(dir);
    if (options != null) {
      options.accept(builder);
    } else {
      annotation(context).ifPresent(a -> apply(a, builder));
    }
    CssSimulator sim = builder.start();
    Path made = sim.dataDirectory().equals(dir) ? dir : null;
    if (made == null) {
      delete(dir);   // the options named another directory: ours was never used
    }
    context.getStore(NAMESPACE).put(KEY, new Running(sim, made));
    registered = sim;
  }

  private static void apply(CssSimulatorTest a, CssSimulator.Builder b) {
    if (!a.config().isEmpty()) {
      b.config(Path.of(a.config()));
    }
    if (!a.scenarioPack().isEmpty()) {
      b.scenarioPack(Path.of(a.scenarioPack()));
    }
    b.store(a.store());
    if (!a.storeUrl().isEmpty()) {
      b.storeUrl(a.storeUrl());
    }
    if (!a.clockAt().isEmpty()) {
      b.clockAt(Instant.parse(a.clockAt()));
    }
  }

  /** Stops the simulator started in this very context (not an enclosing one's). */
  private void stop(ExtensionContext context) {
    Running r = context.getStore(NAMESPACE).remove(KEY, Running.class);
    if (r == null) {
      return;
    }
    try {
      r.simulator().close();
    } finally {
      if (registered == r.simulator()) {
        registered = null;
      }
      if (r.madeDirectory() != null) {
        delete(r.madeDirectory());
      }
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is no test's failure
    }
  }
}
