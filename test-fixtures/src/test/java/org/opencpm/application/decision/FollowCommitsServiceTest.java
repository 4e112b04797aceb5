package org.opencpm.application.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.ConsentEvents.aWithdrawal;
import static org.opencpm.testfixtures.Purposes.PERSONALIZATION;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opencpm.adapters.decisionindex.MemoryDecisionIndex;
import org.opencpm.application.Ports;
import org.opencpm.application.port.in.CreateApiKeyCommand;
import org.opencpm.application.port.in.DecisionQuery;
import org.opencpm.application.port.in.EraseSubjectCommand;
import org.opencpm.application.port.in.ErasureStatus;
import org.opencpm.application.port.in.FollowCommitsUseCase.Followed;
import org.opencpm.application.port.in.Role;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.application.port.out.ChangeLog;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.decision.UsageRequest;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.InMemoryChangeLog;
import org.opencpm.testfixtures.InMemoryOpenCpm;

/**
 * A second node on the same stores, with a decision index of its own, follows what the first
 * commits: it is stale until it follows, then decides as the first does — consents, purposes,
 * material notices, identifiers added and removed, merges and erasures. The databases' version of
 * this, with two persistences on one database, is the persistence adapter's {@code
 * FollowCommitsContract}; two server processes, the distribution's {@code TwoNodesFollowIT}.
 */
class FollowCommitsServiceTest {

    private static final Identifier PHONE = Identifier.phone("13800138011");
    private static final Identifier OTHER_PHONE = Identifier.phone("13800138012");

    /** Node A: the one the commands go through. */
    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS);
    private final Notice policy = cpm.publish("privacy-policy", "1", false, MARKETING_SMS);
    private final MemoryDecisionIndex indexB = new MemoryDecisionIndex();
    private final Ports nodeB = onIndex(cpm.ports, indexB);
    private final FollowCommitsService followerB = new FollowCommitsService(nodeB, new InMemoryChangeLog(cpm.auditTrail));
    private final DecisionService decisionsB = new DecisionService(nodeB);

    FollowCommitsServiceTest() {
        followerB.markStart();
        new DecisionIndexLoader(nodeB).warmUp();
    }

    /** The same stores, another index: what a second node on the same database has. */
    static Ports onIndex(Ports p, MemoryDecisionIndex index) {
        return new Ports(p.purposes(), p.notices(), p.subjects(), p.consents(), p.preferences(), p.audit(), p.outbox(),
                p.subscriptions(), p.deadLetters(), p.connectorRuntime(), p.idempotency(), p.confirmationTokens(), p.sendBudget(), index,
                p.decisionLog(), p.subjectStates(), p.apiKeys(), p.rightsRequests(), p.subjectKeys(), p.erasures(), p.shredder(), p.vault(),
                p.personalCipher(), p.clock(), p.transactions());
    }

    private Reason onA(SubjectLocator who, Purpose purpose) {
        return cpm.decide.decide(new DecisionQuery(who, purpose.code(), UsageRequest.ANY)).decision().reason();
    }

    private Reason onB(SubjectLocator who, Purpose purpose) {
        return decisionsB.decide(new DecisionQuery(who, purpose.code(), UsageRequest.ANY)).decision().reason();
    }

    private SubjectId grant(Identifier who) {
        return cpm.recordConsent.record(aGrant().by(who).of(MARKETING_SMS).on(policy).build()).receipts().get(0).subjectId();
    }

    @Test
    void a_withdrawal_on_one_node_is_decided_on_the_other_once_it_follows() {
        grant(PHONE);
        assertThat(onB(SubjectLocator.by(PHONE), MARKETING_SMS)).as("not followed yet").isEqualTo(Reason.UNKNOWN_SUBJECT);

        followerB.follow();
        assertThat(onB(SubjectLocator.by(PHONE), MARKETING_SMS)).isEqualTo(Reason.GRANTED);

        cpm.recordConsent.record(aWithdrawal().by(PHONE).of(MARKETING_SMS).build());
        assertThat(onB(SubjectLocator.by(PHONE), MARKETING_SMS)).as("stale until it follows").isEqualTo(Reason.GRANTED);
        Followed followed = followerB.follow();

        assertThat(onB(SubjectLocator.by(PHONE), MARKETING_SMS)).isEqualTo(Reason.WITHDRAWN).isEqualTo(onA(SubjectLocator.by(PHONE), MARKETING_SMS));
        assertThat(followed.changes()).isEqualTo(1);
        assertThat(followed.through()).isEqualTo(cpm.auditTrail.head().orElseThrow().seq());
    }

    @Test
    void a_purpose_defined_and_a_material_notice_published_on_one_node_reach_the_other() {
        cpm.withPurposes(PERSONALIZATION);
        Notice v2 = cpm.publish("privacy-policy", "2", false, MARKETING_SMS, PERSONALIZATION);
        cpm.recordConsent.record(aGrant().by(PHONE).of(MARKETING_SMS, PERSONALIZATION).on(v2).build());
        cpm.publish("privacy-policy", "3", true, PERSONALIZATION);

        followerB.follow();

        assertThat(nodeB.decisionIndex().purpose(PERSONALIZATION.code())).isPresent();
        assertThat(onB(SubjectLocator.by(PHONE), PERSONALIZATION)).isEqualTo(Reason.NOTICE_OUTDATED)
                .isEqualTo(onA(SubjectLocator.by(PHONE), PERSONALIZATION));
        assertThat(onB(SubjectLocator.by(PHONE), MARKETING_SMS)).isEqualTo(Reason.GRANTED);
    }

    @Test
    void an_identifier_removed_on_one_node_no_longer_finds_the_subject_on_the_other() {
        SubjectId person = grant(PHONE);
        cpm.identifiers.add(person, List.of(OTHER_PHONE), InMemoryOpenCpm.ADMIN);
        followerB.follow();
        assertThat(onB(SubjectLocator.by(OTHER_PHONE), MARKETING_SMS)).isEqualTo(Reason.GRANTED);

        cpm.identifiers.remove(person, List.of(PHONE), InMemoryOpenCpm.ADMIN);
        followerB.follow();

        assertThat(onB(SubjectLocator.by(PHONE), MARKETING_SMS)).isEqualTo(Reason.UNKNOWN_SUBJECT)
                .isEqualTo(onA(SubjectLocator.by(PHONE), MARKETING_SMS));
        assertThat(onB(SubjectLocator.by(OTHER_PHONE), MARKETING_SMS)).isEqualTo(Reason.GRANTED);
    }

    @Test
    void a_merge_on_one_node_leads_the_absorbed_identifiers_to_the_merged_subject_on_the_other() {
        SubjectId into = grant(PHONE);
        SubjectId from = cpm.recordConsent.record(aWithdrawal().by(OTHER_PHONE).of(MARKETING_SMS).build()).receipts().get(0).subjectId();
        followerB.follow();
        assertThat(onB(SubjectLocator.by(OTHER_PHONE), MARKETING_SMS)).isEqualTo(Reason.WITHDRAWN);

        cpm.mergeSubjects.merge(into, from, InMemoryOpenCpm.ADMIN);
        followerB.follow();

        assertThat(decisionsB.decide(new DecisionQuery(SubjectLocator.by(OTHER_PHONE), MARKETING_SMS.code(), UsageRequest.ANY)).subjectId())
                .contains(into);
        assertThat(onB(SubjectLocator.by(OTHER_PHONE), MARKETING_SMS)).isEqualTo(onA(SubjectLocator.by(OTHER_PHONE), MARKETING_SMS));
        assertThat(onB(SubjectLocator.byId(from), MARKETING_SMS)).isEqualTo(Reason.UNKNOWN_SUBJECT);
    }

    @Test
    void an_erasure_on_one_node_forgets_the_person_on_the_other() {
        SubjectId person = grant(PHONE);
        followerB.follow();

        assertThat(cpm.erasure.erase(new EraseSubjectCommand(person, EraseSubjectCommand.Reason.RETENTION, Optional.empty(),
                org.opencpm.application.port.in.Actor.SYSTEM))).isEqualTo(ErasureStatus.ERASED);
        followerB.follow();

        assertThat(onB(SubjectLocator.by(PHONE), MARKETING_SMS)).isEqualTo(Reason.UNKNOWN_SUBJECT);
        assertThat(indexB.subject(person)).isEmpty();
        assertThat(indexB.subjectOf(cpm.vault.hash(PHONE))).as("no identifier leads to the erased person").isEmpty();
    }

    @Test
    void a_node_following_its_own_commits_or_the_same_changes_twice_decides_as_before() {
        SubjectId person = grant(PHONE);
        cpm.recordConsent.record(aWithdrawal().by(PHONE).of(MARKETING_SMS).build());
        FollowCommitsService followerA = new FollowCommitsService(cpm.ports, new InMemoryChangeLog(cpm.auditTrail));

        followerA.follow(); // from the start of the log: every change again, this node's own
        followerA.follow();

        assertThat(onA(SubjectLocator.by(PHONE), MARKETING_SMS)).isEqualTo(Reason.WITHDRAWN);
        assertThat(cpm.decisionIndex.subject(person).orElseThrow().subject().version())
                .isEqualTo(cpm.subjectStore.find(person).orElseThrow().version());
    }

    @Test
    void a_change_committed_during_the_warm_up_is_not_missed() {
        MemoryDecisionIndex indexC = new MemoryDecisionIndex();
        Ports nodeC = onIndex(cpm.ports, indexC);
        FollowCommitsService followerC = new FollowCommitsService(nodeC, new InMemoryChangeLog(cpm.auditTrail));
        followerC.markStart();
        grant(PHONE); // after the mark, before (or during) the warm-up's read of it
        new DecisionIndexLoader(nodeC).warmUp();
        cpm.recordConsent.record(aWithdrawal().by(PHONE).of(MARKETING_SMS).build());

        followerC.follow();

        assertThat(new DecisionService(nodeC).decide(new DecisionQuery(SubjectLocator.by(PHONE), MARKETING_SMS.code(), UsageRequest.ANY))
                .decision().reason()).isEqualTo(Reason.WITHDRAWN);
    }

    @Test
    void a_failed_read_loses_no_change_the_next_follow_applies_it() {
        AtomicBoolean down = new AtomicBoolean();
        ChangeLog log = new InMemoryChangeLog(cpm.auditTrail);
        ChangeLog flaky = (seq, limit) -> {
            if (down.get()) {
                throw new IllegalStateException("the database is down");
            }
            return log.after(seq, limit);
        };
        FollowCommitsService follower = new FollowCommitsService(nodeB, flaky);
        follower.markStart();
        grant(PHONE);
        down.set(true);

        assertThatThrownBy(follower::follow).hasMessageContaining("down");
        down.set(false);
        follower.follow();

        assertThat(onB(SubjectLocator.by(PHONE), MARKETING_SMS)).isEqualTo(Reason.GRANTED);
    }

    @Test
    void more_changes_than_a_page_are_all_applied_in_one_follow() {
        for (int i = 0; i < FollowCommitsService.PAGE + 20; i++) {
            grant(Identifier.phone("1390000" + String.format("%04d", i)));
        }

        Followed followed = followerB.follow();

        assertThat(followed.changes()).isEqualTo(FollowCommitsService.PAGE + 20);
        assertThat(onB(SubjectLocator.by(Identifier.phone("13900000000")), MARKETING_SMS)).isEqualTo(Reason.GRANTED);
        assertThat(onB(SubjectLocator.by(Identifier.phone("13900000519")), MARKETING_SMS)).isEqualTo(Reason.GRANTED);
    }

    @Test
    void an_api_key_created_or_revoked_is_said_so_for_a_cache_of_key_checks() {
        assertThat(followerB.follow().apiKeysChanged()).isFalse();
        cpm.apiKeys.create(new CreateApiKeyCommand("crm", Set.of(Role.INTEGRATOR), Optional.empty(), InMemoryOpenCpm.ADMIN));

        assertThat(followerB.follow().apiKeysChanged()).isTrue();
        assertThat(followerB.follow().apiKeysChanged()).isFalse();
    }

    @Test
    void an_api_key_change_in_a_page_applied_before_a_later_page_failed_is_still_said_so() {
        ChangeLog log = new InMemoryChangeLog(cpm.auditTrail);
        AtomicBoolean secondPageFails = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        ChangeLog flaky = (seq, limit) -> {
            if (reads.incrementAndGet() == 2 && secondPageFails.get()) {
                throw new IllegalStateException("the database is down");
            }
            return log.after(seq, limit);
        };
        FollowCommitsService follower = new FollowCommitsService(nodeB, flaky);
        follower.markStart();
        cpm.apiKeys.create(new CreateApiKeyCommand("crm", Set.of(Role.INTEGRATOR), Optional.empty(), InMemoryOpenCpm.ADMIN));
        for (int i = 0; i < FollowCommitsService.PAGE; i++) {
            grant(Identifier.phone("1390000" + String.format("%04d", i)));
        }

        // the first page (with the key's creation) is applied, the second read fails
        assertThatThrownBy(follower::follow).hasMessageContaining("down");
        secondPageFails.set(false);

        assertThat(follower.follow().apiKeysChanged()).as("the key change of the page applied before the failure").isTrue();
    }
}
