package org.opencpm.testfixtures.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.out.ConsentStore;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.ConsentMethod;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.consent.NoticeStamp;
import org.opencpm.domain.notice.ContentHash;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * What every {@link ConsentStore} must do to find the grants whose validity ran out ({@link
 * ConsentStore#lapsed}): only recorded grants with an {@code expiresAt} at or before the given time,
 * in the order of {@code expiresAt}, subject, purpose, paged after a cursor without losing or
 * repeating one, ties included; a consent saved as expired or renewed is no longer among them. Run
 * on the in-memory store ({@code InMemoryConsentStoreTest}) and on H2, PostgreSQL and MariaDB (the
 * persistence adapter's {@code JpaConsentStoreContract}). The store may be shared between tests:
 * each works in a year of its own, read from a cursor at that year's start.
 */
public abstract class ConsentStoreContract {

    private static final NoticeStamp STAMP = new NoticeStamp(NoticeRef.of("privacy-policy", "2026-01"),
            ContentHash.of("the policy"), 1);

    protected abstract ConsentStore store();

    /** Runs {@code work} in a transaction of the store's, as the use cases do. */
    protected abstract void inTransaction(Runnable work);

    private static Instant yearStart(int year) {
        return Instant.parse(year + "-01-01T00:00:00Z");
    }

    /** A grant of {@code subject} to {@code purpose} given a year before {@code expiresAt}. */
    private static Consent grant(SubjectId subject, String purpose, Instant expiresAt, long version) {
        Instant grantedAt = expiresAt.minus(Duration.ofDays(365));
        return Consent.restore(subject, PurposeCode.of(purpose), ConsentState.GRANTED, version, grantedAt, Optional.of(grantedAt),
                Optional.of(expiresAt), Optional.of(STAMP), Optional.empty(), CollectionChannel.WEB, ConsentMethod.CHECKBOX);
    }

    private static Consent ended(Consent grant, ConsentState state, Instant at) {
        return Consent.restore(grant.subject(), grant.purpose(), state, grant.version() + 1, at, grant.grantedAt(), Optional.empty(),
                grant.notice(), Optional.empty(), grant.channel(), grant.method());
    }

    /** A cursor just before everything of {@code year}. */
    private static Optional<Consent> before(int year) {
        return Optional.of(grant(SubjectId.of("0"), "a", yearStart(year).minusMillis(1), 1));
    }

    private void save(Consent... consents) {
        inTransaction(() -> List.of(consents).forEach(store()::save));
    }

    private static SubjectId subject(String prefix) {
        return SubjectId.of(prefix + SubjectId.newId().value().substring(0, 20));
    }

    @Test
    void only_recorded_grants_past_their_expiry_are_lapsed_in_expiry_subject_purpose_order() {
        Instant t = yearStart(2041).plus(Duration.ofDays(30));
        SubjectId a = subject("a");
        SubjectId b = subject("b");
        Consent bFirst = grant(b, "marketing-sms", t, 3);
        Consent aTie = grant(a, "newsletter", t.plusSeconds(60), 4);
        Consent bTie = grant(b, "loyalty", t.plusSeconds(60), 5);
        Consent aTieSecondPurpose = grant(a, "recs", t.plusSeconds(60), 6);
        Consent atTheEdge = grant(a, "surveys", t.plus(Duration.ofDays(1)), 7);
        Consent notYet = grant(b, "surveys", t.plus(Duration.ofDays(1)).plusMillis(1), 8);
        Consent withdrawn = ended(grant(a, "marketing-sms", t.minusSeconds(1), 1), ConsentState.WITHDRAWN, t.minusSeconds(10));
        Consent forever = Consent.restore(b, PurposeCode.of("forever"), ConsentState.GRANTED, 9, t.minus(Duration.ofDays(400)),
                Optional.of(t.minus(Duration.ofDays(400))), Optional.empty(), Optional.of(STAMP), Optional.empty(),
                CollectionChannel.APP, ConsentMethod.TOGGLE);
        save(notYet, atTheEdge, aTieSecondPurpose, bTie, aTie, bFirst, withdrawn, forever);

        List<Consent> lapsed = store().lapsed(t.plus(Duration.ofDays(1)), before(2041), 100);

        assertThat(lapsed).containsExactly(bFirst, aTie, aTieSecondPurpose, bTie, atTheEdge);
    }

    @Test
    void pages_after_a_cursor_give_each_lapsed_grant_once_ties_included() {
        Instant t = yearStart(2042).plus(Duration.ofDays(40));
        List<Consent> written = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            SubjectId subject = subject("s" + i);
            written.add(grant(subject, "marketing-sms", t.plusSeconds(i / 3), 1));
            written.add(grant(subject, "newsletter", t.plusSeconds(i / 3), 2));
        }
        save(written.toArray(Consent[]::new));

        List<Consent> seen = new ArrayList<>();
        Optional<Consent> after = before(2042);
        for (List<Consent> page = store().lapsed(t.plusSeconds(10), after, 3); !page.isEmpty();
             page = store().lapsed(t.plusSeconds(10), after, 3)) {
            assertThat(page).hasSizeLessThanOrEqualTo(3);
            seen.addAll(page);
            after = Optional.of(page.get(page.size() - 1));
        }

        assertThat(seen).filteredOn(c -> c.expiresAt().orElseThrow().isBefore(yearStart(2043)))
                .containsExactlyInAnyOrderElementsOf(written).doesNotHaveDuplicates();
        assertThat(seen).isSortedAccordingTo(java.util.Comparator.<Consent, Instant>comparing(c -> c.expiresAt().orElseThrow())
                .thenComparing(c -> c.subject().value()).thenComparing(c -> c.purpose().value()));
    }

    @Test
    void a_grant_saved_as_expired_or_renewed_is_no_longer_lapsed() {
        Instant t = yearStart(2043).plus(Duration.ofDays(50));
        Consent expiring = grant(subject("e"), "marketing-sms", t, 1);
        Consent renewing = grant(subject("r"), "marketing-sms", t, 1);
        save(expiring, renewing);
        assertThat(store().lapsed(t, before(2043), 10)).containsExactlyInAnyOrder(expiring, renewing);

        Consent renewed = grant(renewing.subject(), "marketing-sms", t.plus(Duration.ofDays(365)), 2);
        save(ended(expiring, ConsentState.EXPIRED, t), renewed);

        assertThat(store().lapsed(t.plus(Duration.ofDays(1)), before(2043), 10)).isEmpty();
        assertThat(store().lapsed(t.plus(Duration.ofDays(365)), before(2043), 10)).containsExactly(renewed);
    }
}
