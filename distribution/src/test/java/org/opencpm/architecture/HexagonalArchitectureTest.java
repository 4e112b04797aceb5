package org.opencpm.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
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
import org.opencpm.application.Ports;
import org.opencpm.application.fake.KeepsEveryPort;
import org.opencpm.application.fake.PicksItsPorts;
import org.opencpm.connectors.api.fake.LeakyApiType;

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

    /**
     * ADR 0002: a service takes the {@link Ports} record and keeps, as fields, exactly the ports it
     * uses, so that its fields list its needs. Only the wiring (in the distribution and the test
     * fixtures, outside the application) holds the whole record.
     */
    static final ArchRule SERVICES_KEEP_THE_PORTS_THEY_USE = noFields()
            .that().haveRawType(Ports.class)
            .should().beDeclaredInClassesThat().resideInAPackage("org.opencpm.application..")
            .as("no application class keeps the whole Ports record as a field");

    /** The SPI partners compile against carries nothing of OpenCPM's inside, so the core can change beneath it. */
    static final ArchRule CONNECTOR_API_STANDS_ALONE = classes()
            .that().resideInAPackage("org.opencpm.connectors.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", "org.opencpm.connectors.api..", "org.pf4j..",
                    "org.apache.camel..", "jakarta.json..")
            .as("the connector SPI depends on Java, PF4J, Camel and JSON-P only");

    /** The connector runtime is an adapter of the application's ports: it uses no other adapter. */
    static final ArchRule RUNTIME_USES_PORTS_ONLY = noClasses()
            .that().resideInAPackage("org.opencpm.connectors.runtime..")
            .should().dependOnClassesThat().resideInAnyPackage("org.opencpm.adapters..", "org.opencpm.distribution..",
                    "org.opencpm.plugins..", "org.opencpm.connectors.testkit..")
            .as("the connector runtime depends on no other adapter, plugin or the distribution");

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
    void the_connector_spi_stands_alone() {
        CONNECTOR_API_STANDS_ALONE.check(shipped);
    }

    @Test
    void the_connector_runtime_uses_ports_only() {
        RUNTIME_USES_PORTS_ONLY.check(shipped);
    }

    @Test
    void services_keep_the_ports_they_use() {
        SERVICES_KEEP_THE_PORTS_THEY_USE.check(shipped);
    }

    @Test
    void a_service_keeping_the_whole_ports_record_breaks_the_rule() {
        JavaClasses services = new ClassFileImporter().importClasses(KeepsEveryPort.class, PicksItsPorts.class);
        assertThatThrownBy(() -> SERVICES_KEEP_THE_PORTS_THEY_USE.check(services))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("KeepsEveryPort.ports").hasMessageNotContaining("PicksItsPorts");
    }

    @Test
    void an_spi_type_leaking_a_domain_class_breaks_the_rule() {
        JavaClasses leaky = new ClassFileImporter().importClasses(LeakyApiType.class);
        assertThatThrownBy(() -> CONNECTOR_API_STANDS_ALONE.check(leaky))
                .isInstanceOf(AssertionError.class).hasMessageContaining("SubjectId");
    }

    @Test
    void an_adapter_calling_another_breaks_the_rule() {
        JavaClasses coupled = new ClassFileImporter().importClasses(AdapterA.class, AdapterB.class);
        assertThatThrownBy(() -> ADAPTERS_ARE_INDEPENDENT.check(coupled))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("fakea").hasMessageContaining("fakeb");
    }
}
