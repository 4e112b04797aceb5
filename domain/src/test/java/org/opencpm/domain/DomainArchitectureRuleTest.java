package org.opencpm.domain;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The architecture rule can fail: a domain class that reaches outside the JDK breaks it. */
class DomainArchitectureRuleTest {

    /** Stands for a domain class that a careless change made depend on a library. */
    static final class LeakyDomainClass {
        Object leak() {
            return new com.tngtech.archunit.core.importer.ClassFileImporter();
        }
    }

    @Test
    void a_domain_class_using_a_library_breaks_the_rule() {
        JavaClasses leaky = new ClassFileImporter().importClasses(LeakyDomainClass.class);
        assertThatThrownBy(() -> DomainArchitectureTest.DOMAIN_IS_PLAIN_JAVA.check(leaky))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("com.tngtech.archunit.core.importer.ClassFileImporter");
        Logger.getLogger(getClass().getName()).fine("rule failed as it should");
    }
}
