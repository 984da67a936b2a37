package org.csssim.internal.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core's shape, checked on its compiled classes at every build (docs/architecture.md draws
 * it): no package cycles; routing in the middle, knowing its destinations only by interface;
 * the low packages free of the store's implementations; the public API in {@code org.csssim}
 * alone, everything else under {@code internal}; package names that say what they hold.
 */
class ArchitectureTest {
  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.csssim");
  }

  @Test
  void noPackageCycles() {
    slices().matching("org.csssim.internal.(*)..").should().beFreeOfCycles().check(core);
  }

  @Test
  void theInternalsDoNotDependOnThePublicApi() {
    noClasses().that().resideInAPackage("org.csssim.internal..").should().dependOnClassesThat()
        .resideInAPackage("org.csssim").check(core);
  }

  @Test
  void lowPackagesImportNoStoreImplementation() {
    noClasses().that().resideInAnyPackage("..internal.wire..", "..internal.catalogue..", "..internal.jws..",
            "..internal.clock..", "..internal.journal..", "..internal.message..", "..internal.routing..")
        .should().dependOnClassesThat().resideInAnyPackage("..internal.store..").check(core);
  }

  @Test
  void onlyTheStoreAndTheRuntimeKnowTheStoreImplementations() {
    noClasses().that().resideOutsideOfPackages("..internal.store..", "..internal.runtime..")
        .should().dependOnClassesThat().resideInAnyPackage("..internal.store.memory..", "..internal.store.sql..")
        .check(core);
  }

  @Test
  void routingKnowsItsDestinationsOnlyByInterface() {
    noClasses().that().resideInAPackage("..internal.routing..").should().dependOnClassesThat()
        .resideInAnyPackage("..internal.scenario..", "..internal.delivery..", "..internal.wire..").check(core);
    noClasses().that().resideInAPackage("..internal.scenario..").should().dependOnClassesThat()
        .resideInAnyPackage("..internal.delivery..", "..internal.wire..").check(core);
    noClasses().that().resideInAPackage("..internal.delivery..").should().dependOnClassesThat()
        .resideInAnyPackage("..internal.scenario..", "..internal.wire..").check(core);
  }

  /** The components know neither the file model nor the edges; only the runtime (and what assembles options) does. */
  @Test
  void componentsDoNotReachTheEdgesOrTheFileModel() {
    noClasses().that().resideOutsideOfPackages("..internal.runtime..", "..internal.config..", "org.csssim")
        .should().dependOnClassesThat().resideInAnyPackage("..internal.config..", "..internal.runtime..").check(core);
    noClasses().that().resideOutsideOfPackages("..internal.runtime..", "..internal.admin..", "..internal.http..",
            "..internal.config..", "org.csssim")
        .should().dependOnClassesThat().resideInAnyPackage("..internal.admin..", "..internal.http..").check(core);
  }

  @Test
  void theCoreHasNoCommandLineLoadToolOrBenchmarks() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("picocli..", "org.csssim.load..", "org.csssim.bench..",
        "org.csssim.server..", "org.openjdk.jmh..").check(core);
  }

  @Test
  void everythingButThePublicApiIsInternal() {
    classes().should().resideInAnyPackage("org.csssim", "org.csssim.internal..").check(core);
  }

  @Test
  void packagesAreNamedForWhatTheyHoldNotForALayer() {
    noClasses().should().resideInAnyPackage("..util..", "..utils..", "..helper..", "..helpers..", "..manager..",
        "..managers..", "..common..", "..misc..").check(core);
    noClasses().should().haveSimpleNameEndingWith("Util").orShould().haveSimpleNameEndingWith("Utils")
        .orShould().haveSimpleNameEndingWith("Helper").orShould().haveSimpleNameEndingWith("Manager").check(core);
  }
}
