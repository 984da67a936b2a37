package org.csssim.junit5;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The extension is built on the simulator's public API alone, as any user's code would be. */
class PublicApiOnlyTest {
  @Test
  void theExtensionUsesNoInternals() {
    noClasses().should().dependOnClassesThat().resideInAPackage("org.csssim.internal..")
        .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.csssim.junit5"));
  }
}
