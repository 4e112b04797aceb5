package org.opencpm.connectors.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.opencpm.domain.Coded;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.consent.ConsentMethod;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.subject.IdentifierType;

/**
 * The values the SPI lists for partners are the ones OpenCPM takes: the same codes as the
 * domain's, so a plugin that uses them is never refused, and a value added to the domain is
 * added to the SPI (with a new SPI version) before a release.
 */
class SpiVocabularyTest {

    private static <E extends Enum<E>> List<String> codes(Class<E> type, Function<E, String> code) {
        return Arrays.stream(type.getEnumConstants()).map(code).toList();
    }

    private static <E extends Enum<E> & Coded> List<String> domain(Class<E> type) {
        return codes(type, Coded::code);
    }

    @Test
    void identifier_types_are_the_domains() {
        assertThat(codes(org.opencpm.connectors.api.IdentifierType.class, org.opencpm.connectors.api.IdentifierType::code))
                .containsExactlyElementsOf(domain(IdentifierType.class));
        for (org.opencpm.connectors.api.IdentifierType type : org.opencpm.connectors.api.IdentifierType.values()) {
            assertThat(type.needsScope()).as(type.code())
                    .isEqualTo(IdentifierType.parse(type.code(), "type").scope() == IdentifierType.Scope.REQUIRED);
        }
    }

    @Test
    void collection_channels_methods_and_contact_channels_are_the_domains() {
        assertThat(codes(org.opencpm.connectors.api.CollectionChannel.class, org.opencpm.connectors.api.CollectionChannel::code))
                .containsExactlyElementsOf(domain(CollectionChannel.class));
        assertThat(codes(org.opencpm.connectors.api.ConsentMethod.class, org.opencpm.connectors.api.ConsentMethod::code))
                .containsExactlyElementsOf(domain(ConsentMethod.class));
        assertThat(codes(org.opencpm.connectors.api.ContactChannel.class, org.opencpm.connectors.api.ContactChannel::code))
                .containsExactlyElementsOf(domain(ContactChannel.class));
    }
}
