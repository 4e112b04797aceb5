package org.opencpm.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The demo ({@code bin/opencpm demo}: simulated platforms, sample data) is outside every production
 * code path: nothing the server runs refers to it, so a normal {@code run}, whose class path does not
 * even hold {@code lib/demo/}, cannot reach it.
 */
class DemoIsolationTest {

    static final ArchRule NOTHING_USES_THE_DEMO = noClasses().that().resideOutsideOfPackage("org.opencpm.demo..")
            .should().dependOnClassesThat().resideInAPackage("org.opencpm.demo..")
            .as("no production class depends on the demo");

    @Test
    void no_production_class_depends_on_the_demo() {
        JavaClasses shipped = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.opencpm");
        NOTHING_USES_THE_DEMO.check(shipped);
    }
}
