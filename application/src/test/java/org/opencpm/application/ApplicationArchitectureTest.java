package org.opencpm.application;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The application talks to the world only through its ports: no adapter, persistence, Camel, PF4J or Helidon. */
class ApplicationArchitectureTest {

    static final ArchRule APPLICATION_USES_NO_ADAPTER_OR_FRAMEWORK = noClasses()
            .that().resideInAPackage("org.opencpm.application..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.opencpm.adapters..", "org.opencpm.connectors..", "org.opencpm.plugins..", "org.opencpm.distribution..",
                    "jakarta.persistence..", "javax.persistence..", "org.eclipse.persistence..", "org.flywaydb..",
                    "org.apache.camel..", "org.pf4j..", "io.helidon..", "jakarta.ws.rs..", "jakarta.json..",
                    "com.fasterxml.jackson..", "java.sql..", "javax.sql..")
            .as("application depends on no adapter, JPA, SQL, Camel, PF4J, Helidon, JAX-RS or JSON library");

    @Test
    void application_depends_on_no_adapter_or_framework() {
        JavaClasses application = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.opencpm.application");
        APPLICATION_USES_NO_ADAPTER_OR_FRAMEWORK.check(application);
    }

    /** Stands for a use case that a careless change let reach a database directly. */
    static final class UseCaseReachingForJdbc {
        java.sql.Connection connection;
    }

    @Test
    void the_rule_fails_on_a_use_case_that_reaches_for_jdbc() {
        JavaClasses careless = new ClassFileImporter().importClasses(UseCaseReachingForJdbc.class);
        assertThatThrownBy(() -> APPLICATION_USES_NO_ADAPTER_OR_FRAMEWORK.check(careless))
                .isInstanceOf(AssertionError.class).hasMessageContaining("java.sql.Connection");
    }
}
