package org.opencpm.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencpm.connectors.testkit.fake.LeakyKitType;

/**
 * What partners compile against — the SPI ({@code connector-api}) and the test kit
 * ({@code connector-testkit}) — shows nothing of OpenCPM's core, so that the core can change
 * beneath their plugins and their tests. The SPI depends on no core type at all
 * ({@link HexagonalArchitectureTest#CONNECTOR_API_STANDS_ALONE}); the kit runs the connector in the
 * runtime, so it may use core types inside, but its public API (public classes, their public and
 * protected members, what they extend) names SPI, kit, JDK and test-library types only, and it
 * never reaches the core's test fixtures or an adapter.
 */
class PartnerFacingArchitectureTest {

    private static final String KIT = "org.opencpm.connectors.testkit..";

    private static JavaClasses shipped;

    /** The kit's public API names nothing of OpenCPM but the SPI and the kit. */
    static final ArchRule KIT_EXPOSES_SPI_ONLY = classes()
            .that().resideInAPackage(KIT).and().arePublic()
            .should(exposeNothingOfOpenCpmBut("org.opencpm.connectors.api.", "org.opencpm.connectors.testkit."))
            .as("the partner test kit's public API shows SPI, kit, JDK and test-library types only");

    /** The kit stands on the runtime and the SPI, not on the core's fakes or on an adapter. */
    static final ArchRule KIT_USES_NO_FIXTURE_OR_ADAPTER = noClasses()
            .that().resideInAPackage(KIT)
            .should().dependOnClassesThat().resideInAnyPackage("org.opencpm.testfixtures..", "org.opencpm.adapters..",
                    "org.opencpm.plugins..", "org.opencpm.distribution..")
            .as("the partner test kit depends on no test fixture, adapter, plugin or the distribution");

    @BeforeAll
    static void importShipped() {
        shipped = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.opencpm.connectors");
    }

    @Test
    void the_kit_exposes_spi_types_only() {
        KIT_EXPOSES_SPI_ONLY.check(shipped);
    }

    @Test
    void the_kit_uses_no_fixture_or_adapter() {
        KIT_USES_NO_FIXTURE_OR_ADAPTER.check(shipped);
    }

    @Test
    void a_kit_type_showing_core_types_breaks_the_rule() {
        JavaClasses leaky = new ClassFileImporter().importClasses(LeakyKitType.class);
        assertThatThrownBy(() -> KIT_EXPOSES_SPI_ONLY.check(leaky)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("enqueue").hasMessageContaining("ConsentState")
                .hasMessageContaining("deliveries").hasMessageContaining("port.out.Delivery")
                .hasMessageContaining("policy").hasMessageContaining("RedeliveryPolicy")
                .hasMessageNotContaining("hidden").hasMessageNotContaining("identifier()");
    }

    /** Public classes whose superclass, interfaces and public or protected members name only JDK, library and the given OpenCPM packages. */
    private static ArchCondition<JavaClass> exposeNothingOfOpenCpmBut(String... allowed) {
        return new ArchCondition<>("expose nothing of OpenCPM but " + String.join(", ", allowed)) {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                List<String> leaks = new ArrayList<>();
                type.getRawSuperclass().ifPresent(superclass -> leak(leaks, "extends", Set.of(superclass), allowed));
                leak(leaks, "implements", new LinkedHashSet<>(type.getRawInterfaces()), allowed);
                for (JavaField field : type.getFields()) {
                    if (visible(field)) {
                        leak(leaks, "field " + field.getName(), field.getType().getAllInvolvedRawTypes(), allowed);
                    }
                }
                for (JavaCodeUnit code : type.getCodeUnits()) {
                    if (visible(code) && !code.getName().equals("<clinit>")) {
                        Set<JavaClass> shown = new LinkedHashSet<>(code.getReturnType().getAllInvolvedRawTypes());
                        for (JavaType parameter : code.getParameterTypes()) {
                            shown.addAll(parameter.getAllInvolvedRawTypes());
                        }
                        leak(leaks, code.getName() + "(…)", shown, allowed);
                    }
                }
                leaks.forEach(leak -> events.add(SimpleConditionEvent.violated(type, type.getName() + " shows " + leak)));
            }
        };
    }

    private static boolean visible(JavaMember member) {
        return member.getModifiers().contains(JavaModifier.PUBLIC) || member.getModifiers().contains(JavaModifier.PROTECTED);
    }

    private static void leak(List<String> leaks, String where, Set<JavaClass> shown, String... allowed) {
        for (JavaClass shownType : shown) {
            String name = shownType.getName();
            if (name.startsWith("org.opencpm.") && java.util.Arrays.stream(allowed).noneMatch(name::startsWith)) {
                leaks.add(name + " in " + where);
            }
        }
    }
}
