package org.opencpm.adapters.decisionindex;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.opencpm.application.port.out.SubjectState;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.ConsentMethod;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.consent.NoticeStamp;
import org.opencpm.domain.notice.ContentHash;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.Subject;
import org.opencpm.domain.subject.SubjectId;

/**
 * A reviewer's round trip of {@link PackedSubject} over times anywhere in the range of epoch
 * milliseconds, with fractions of a millisecond, versions near the ends of their range and ids of
 * every length: whatever packs decodes equal; whatever does not is kept aside by the index, equal too.
 */
class PackedSubjectProperties {

    private static final NoticeStamp V1 = new NoticeStamp(NoticeRef.of("privacy", "v1"), ContentHash.of("one"), 1);
    private static final List<PurposeCode> PURPOSES = List.of(PurposeCode.of("sms"), PurposeCode.of("email"), PurposeCode.of("recs"));

    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<Long> seconds = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(-9_223_372_036_854_775L, 9_223_372_036_854_775L)),
                net.jqwik.api.Tuple.of(8, Arbitraries.longs().between(1_700_000_000L, 1_900_000_000L)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0L, -1L, 1L)));
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.integers().between(0, 999_999_999),
                Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000), Arbitraries.of(0, 1, 999_999, 999_999_999));
        return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("abcdefABCXYZ0189_-").ofMinLength(1).ofMaxLength(64),
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(32).map(hex -> "sub_" + hex));
    }

    @Property(tries = 3000)
    void what_the_index_is_told_it_gives_back(@ForAll("ids") String id, @ForAll("instants") Instant registered,
            @ForAll("instants") Instant changed, @ForAll("instants") Instant granted, @ForAll("instants") Instant expires,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long version, @ForAll @IntRange(min = 0, max = 3) int consents,
            @ForAll @IntRange(min = 0, max = 40_000) int expiryDays, @ForAll boolean daysAfterGrant, @ForAll boolean minor) {
        SubjectId subject = SubjectId.of(id);
        Map<PurposeCode, Consent> map = new HashMap<>();
        for (int c = 0; c < consents; c++) {
            Optional<Instant> expiry = daysAfterGrant ? safePlusDays(granted, expiryDays) : Optional.of(expires);
            Consent consent;
            try {
                consent = Consent.restore(subject, PURPOSES.get(c), ConsentState.GRANTED, version - c, changed, Optional.of(granted),
                        c == 2 ? Optional.empty() : expiry, Optional.of(V1), Optional.empty(), CollectionChannel.WEB, ConsentMethod.CHECKBOX);
            } catch (RuntimeException notAConsent) {
                Assume.that(false);
                return;
            }
            map.put(consent.purpose(), consent);
        }
        Optional<LocalDate> birth = minor ? Optional.of(LocalDate.of(2015, 2, 28)) : Optional.empty();
        SubjectState state = new SubjectState(new Subject(subject, birth, minor, version, registered), map, Preferences.none());

        MemoryDecisionIndex index = new MemoryDecisionIndex();
        index.subjectChanged(state);
        assertThat(index.subject(subject)).contains(state);
        byte[] packed = PackedSubject.encode(state, new Dictionary());
        if (packed != null) {
            Dictionary dictionary = new Dictionary();
            assertThat(PackedSubject.decode(PackedSubject.encode(state, dictionary), dictionary)).isEqualTo(state);
        }
    }

    private static Optional<Instant> safePlusDays(Instant at, int days) {
        try {
            return Optional.of(at.plusSeconds(days * 86_400L));
        } catch (RuntimeException beyond) {
            return Optional.empty();
        }
    }
}
