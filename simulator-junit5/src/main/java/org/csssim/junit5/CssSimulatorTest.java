package org.csssim.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.csssim.CssSimulator;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against an in-process CSS Simulator: started before the class's tests
 * (or before each, with {@code lifecycle = PER_METHOD}) on a free port of 127.0.0.1 with a
 * temporary data directory and its own test PKI, and stopped after. A {@link CssSimulator}
 * parameter of a test, lifecycle or constructor method is the running simulator.
 *
 * <pre>{@code
 * @CssSimulatorTest
 * class SwitchingTest {
 *   @Test
 *   void aSwitchIsValidated(CssSimulator css) { ... }
 * }
 * }</pre>
 *
 * <p>Paths are relative to the working directory (the module's, under Maven).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(CssSimulatorExtension.class)
public @interface CssSimulatorTest {
  /** A configuration file instead of the PIT defaults. */
  String config() default "";

  /** A scenario pack's manifest instead of the configuration's. */
  String scenarioPack() default "";

  /** Where the simulator keeps its state; in memory unless asked. */
  CssSimulator.Store store() default CssSimulator.Store.MEMORY;

  /** The database of {@code store = POSTGRESQL}. */
  String storeUrl() default "";

  /** Where the simulated clock starts (an ISO instant, e.g. 2026-12-01T09:00:00Z); now by default. */
  String clockAt() default "";

  /** One simulator for the whole class, or a fresh one for each test. */
  Lifecycle lifecycle() default Lifecycle.PER_CLASS;

  enum Lifecycle { PER_CLASS, PER_METHOD }
}
