package org.opencpm.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.ConsentEvents.aWithdrawal;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencpm.adapters.decisionindex.MemoryDecisionIndex;
import org.opencpm.adapters.vault.KeyedIdentityVault;
import org.opencpm.application.Ports;
import org.opencpm.application.SubjectsNotMergeableException;
import org.opencpm.application.audit.AuditService;
import org.opencpm.application.consent.RecordConsentService;
import org.opencpm.application.notice.PublishNoticeService;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.DefinePurposeCommand;
import org.opencpm.application.port.in.PublishNoticeCommand;
import org.opencpm.application.port.out.ConnectorRuntime;
import org.opencpm.application.port.out.ConnectorSubscriptions;
import org.opencpm.application.purpose.ManagePurposesService;
import org.opencpm.application.subject.MergeSubjectsService;
import org.opencpm.application.subject.ViewSubjectService;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.FixedClock;
import org.opencpm.testfixtures.contract.Racing;
import org.opencpm.testfixtures.Phones;

/**
 * Merges on a real database, racing (PIPL Art. 46): a merge and a grant on the absorbed subject,
 * two merges of the same pair in opposite directions. Lock order subject rows (in id order), then
 * audit head: nothing deadlocks into a failure, no event is lost to the absorbed subject, the
 * chain verifies. On each database through a subclass.
 */
public abstract class MergeUseCasesContract extends OnDatabase {

    private static final Actor ADMIN = new Actor("key:test-admin");
    private static final ConnectorSubscriptions SUBSCRIPTIONS = change -> List.of("crm");

    private final FixedClock clock = new FixedClock(Instant.parse("2026-12-01T02:00:00Z"));
    private final KeyedIdentityVault vault = KeyedIdentityVault.withRandomKeys();
    private RecordConsentService consents;
    private MergeSubjectsService merges;
    private ViewSubjectService subjects;
    private AuditService audit;
    private Notice policy;

    @BeforeAll
    void wireTheApplication() {
        if (persistence == null) {
            return; // the database is optional here and not reachable: every test skips itself
        }
        JpaPersistence p = persistence;
        Ports ports = new Ports(p.purposes(), p.notices(), p.subjects(), p.consents(), p.preferences(), p.audit(), p.outbox(),
                SUBSCRIPTIONS, p.deadLetters(), ConnectorRuntime.NONE, p.idempotency(), p.confirmationTokens(), p.sendBudget(),
                new MemoryDecisionIndex(), p.decisionLog(), p.subjectStates(), p.apiKeys(), p.rightsRequests(), p.subjectKeys(), p.erasures(),
                p.shredder(), vault, org.opencpm.adapters.vault.PersonKeyCipher.withRandomKeys(), clock, p.transactions());
        consents = new RecordConsentService(ports, persistence.attachments());
        merges = new MergeSubjectsService(ports);
        subjects = new ViewSubjectService(ports);
        audit = new AuditService(ports);
        new ManagePurposesService(ports).define(new DefinePurposeCommand(MARKETING_SMS, ADMIN));
        policy = new PublishNoticeService(ports).publish(new PublishNoticeCommand(NoticeRef.of("privacy-policy", "2026-01"), "zh-CN",
                "隐私政策", Optional.of("我们如何处理您的个人信息"), Optional.empty(), Set.of(MARKETING_SMS.code()), false,
                Optional.of(clock.now().minus(Duration.ofDays(30))), ADMIN)).notice();
    }

    private static Identifier phone() {
        return Identifier.phone(Phones.unique());
    }

    private SubjectId withdrawn(Identifier who, Instant at) {
        return consents.record(aWithdrawal().by(who).of(MARKETING_SMS).at(at).build()).receipts().get(0).subjectId();
    }

    @Test
    void a_grant_racing_a_merge_of_its_subject_is_never_lost_to_the_absorbed_subject() throws Exception {
        for (int round = 0; round < 6; round++) {
            Identifier a = phone();
            Identifier b = phone();
            Instant start = clock.now().minus(Duration.ofHours(2));
            SubjectId into = withdrawn(a, start);
            SubjectId from = withdrawn(b, start.plusSeconds(1));

            AtomicInteger roles = new AtomicInteger();
            List<Object> done = Racing.race(2, () -> {
                if (roles.getAndIncrement() == 0) {
                    return merges.merge(into, from, ADMIN);
                }
                return consents.record(aGrant().by(b).of(MARKETING_SMS).on(policy).at(start.plusSeconds(60)).build());
            });

            assertThat(done).hasSize(2);
            assertThat(subjects.lookup(List.of(b))).contains(into);
            assertThat(subjects.consentsOf(into).consents()).singleElement()
                    .satisfies(entry -> assertThat(entry.stateNow()).as("the newest choice, the grant")
                            .isEqualTo(ConsentState.GRANTED));
        }
        assertThat(audit.verify().valid()).isTrue();
    }

    @Test
    void two_merges_of_one_pair_in_opposite_directions_one_wins_the_other_is_refused() throws Exception {
        for (int round = 0; round < 4; round++) {
            Instant at = clock.now().minus(Duration.ofHours(1));
            SubjectId first = withdrawn(phone(), at);
            SubjectId second = withdrawn(phone(), at);
            AtomicInteger roles = new AtomicInteger();

            List<String> outcomes = Racing.race(2, () -> {
                boolean forwards = roles.getAndIncrement() == 0;
                try {
                    merges.merge(forwards ? first : second, forwards ? second : first, ADMIN);
                    return "merged";
                } catch (SubjectsNotMergeableException refused) {
                    return "refused";
                }
            });

            assertThat(outcomes).containsExactlyInAnyOrder("merged", "refused");
            assertThat(persistence.subjects().mergedInto(first).isPresent() ^ persistence.subjects().mergedInto(second).isPresent())
                    .as("exactly one of them absorbed").isTrue();
        }
        assertThat(audit.verify().valid()).isTrue();
    }
}
