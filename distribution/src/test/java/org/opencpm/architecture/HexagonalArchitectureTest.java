package org.opencpm.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencpm.adapters.fakea.AdapterA;
import org.opencpm.adapters.fakeb.AdapterB;

/**
 * The rules that span modules, checked on everything the distribution ships: adapters meet only
 * through the application's ports, and nothing inside depends on the outside rings.
 */
class HexagonalArchitectureTest {

    private static JavaClasses shipped;

    /** Each adapter ({@code org.opencpm.adapters.<name>}) is on its own: adapters meet only through ports. */
    static final ArchRule ADAPTERS_ARE_INDEPENDENT = slices().matching("org.opencpm.adapters.(*)..")
            .should().notDependOnEachOther()
            .allowEmptyShould(true)
            .as("adapters do not depend on each other");

    static final ArchRule INNER_RINGS_IGNORE_OUTER_RINGS = noClasses()
            .that().resideInAnyPackage("org.opencpm.domain..", "org.opencpm.application..")
            .should().dependOnClassesThat().resideInAnyPackage("org.opencpm.adapters..", "org.opencpm.connectors..",
                    "org.opencpm.plugins..", "org.opencpm.distribution..")
            .as("domain and application depend on no adapter, connector or plugin");

    @BeforeAll
    static void importShipped() {
        shipped = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.opencpm");
    }

    @Test
    void adapters_do_not_depend_on_each_other() {
        ADAPTERS_ARE_INDEPENDENT.check(shipped);
    }

    @Test
    void domain_and_application_ignore_the_outer_rings() {
        INNER_RINGS_IGNORE_OUTER_RINGS.check(shipped);
    }

    @Test
    void an_adapter_calling_another_breaks_the_rule() {
        JavaClasses coupled = new ClassFileImporter().importClasses(AdapterA.class, AdapterB.class);
        assertThatThrownBy(() -> ADAPTERS_ARE_INDEPENDENT.check(coupled))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("fakea").hasMessageContaining("fakeb");
    }
}
