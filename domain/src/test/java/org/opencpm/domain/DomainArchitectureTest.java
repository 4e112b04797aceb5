package org.opencpm.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The domain is plain Java: it may use the JDK's java.* packages and itself, nothing else. */
class DomainArchitectureTest {

    private static JavaClasses domain;

    @BeforeAll
    static void importDomain() {
        domain = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.opencpm.domain");
    }

    /** The rule, kept apart so that {@link DomainArchitectureRuleTest} can show it fails on a violation. */
    public static final ArchRule DOMAIN_IS_PLAIN_JAVA = classes().that().resideInAPackage("org.opencpm.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.opencpm.domain..")
            .as("the domain depends on nothing but java.* and itself");

    public static final ArchRule NO_FRAMEWORK_ANNOTATIONS = noClasses().that().resideInAPackage("org.opencpm.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "javax..", "org.eclipse..", "org.apache..",
                    "org.pf4j..", "io.helidon..", "com.fasterxml..")
            .as("no framework (JPA, JSON, CDI, Camel, PF4J, Helidon) leaks into the domain");

    @Test
    void domain_depends_only_on_the_jdk() {
        DOMAIN_IS_PLAIN_JAVA.check(domain);
    }

    @Test
    void no_framework_leaks_into_the_domain() {
        NO_FRAMEWORK_ANNOTATIONS.check(domain);
    }

    @Test
    void aggregates_have_no_public_no_argument_constructor() {
        classes().that().resideInAPackage("org.opencpm.domain..").and().haveSimpleNameEndingWith("Consent")
                .should().haveOnlyPrivateConstructors().allowEmptyShould(false).check(domain.that(
                        com.tngtech.archunit.base.DescribedPredicate.describe("Consent aggregate",
                                c -> c.getName().equals("org.opencpm.domain.consent.Consent"))));
    }
}
