package org.opencpm.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.ConsentEvents.aWithdrawal;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencpm.adapters.decisionindex.MemoryDecisionIndex;
import org.opencpm.adapters.vault.KeyedIdentityVault;
import org.opencpm.adapters.vault.PersonKeyCipher;
import org.opencpm.application.Ports;
import org.opencpm.application.consent.RecordConsentService;
import org.opencpm.application.decision.DecisionIndexLoader;
import org.opencpm.application.decision.DecisionService;
import org.opencpm.application.decision.FollowCommitsService;
import org.opencpm.application.notice.PublishNoticeService;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.DecisionQuery;
import org.opencpm.application.port.in.DefinePurposeCommand;
import org.opencpm.application.port.in.PublishNoticeCommand;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.application.port.out.CommittedChange;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.application.port.out.ConnectorRuntime;
import org.opencpm.application.port.out.ConnectorSubscriptions;
import org.opencpm.application.purpose.ManagePurposesService;
import org.opencpm.application.subject.IdentifiersService;
import org.opencpm.application.subject.MergeSubjectsService;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.decision.UsageRequest;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.purpose.DataElement;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCategory;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.FixedClock;
import org.opencpm.testfixtures.Phones;

/**
 * Two nodes on one database, each with a decision index of its own: node A records, node B follows
 * the change log ({@link FollowCommitsService} over {@code JpaChangeLog}) and then decides as A
 * does. Node B is a second {@link JpaPersistence} — its own pool and entity manager factory, as a
 * second process would have (on H2 both reach the one engine of this JVM: see {@code
 * JpaSendBudgetContract}). And the log itself read while many writers commit: every number is
 * seen, in order, none skipped — the gap a poll past the last number would fall into if numbers
 * were handed out before commit in another order. On each database through a subclass.
 */
public abstract class FollowCommitsContract extends OnDatabase {

    private static final Actor ADMIN = new Actor("key:test-admin");
    private static final ConnectorSubscriptions SUBSCRIPTIONS = change -> List.of();

    private final FixedClock clock = new FixedClock(Instant.parse("2026-12-01T02:00:00Z"));
    private final KeyedIdentityVault vault = KeyedIdentityVault.withRandomKeys();
    private final PersonKeyCipher cipher = PersonKeyCipher.withRandomKeys();
    private JpaPersistence secondNode;
    private Ports nodeA;
    private Ports nodeB;
    private RecordConsentService consents;
    private FollowCommitsService followerB;
    private Notice policy;

    @BeforeAll
    void wireTwoNodes() {
        if (persistence == null) {
            return; // the database is optional here and not reachable: every test skips itself
        }
        secondNode = JpaPersistence.start(database.settings());
        nodeA = ports(persistence, new MemoryDecisionIndex());
        nodeB = ports(secondNode, new MemoryDecisionIndex());
        consents = new RecordConsentService(nodeA, persistence.attachments());
        new ManagePurposesService(nodeA).define(new DefinePurposeCommand(MARKETING_SMS, ADMIN));
        policy = new PublishNoticeService(nodeA).publish(new PublishNoticeCommand(NoticeRef.of("privacy-policy", "2026-01"), "zh-CN",
                "隐私政策", Optional.of("我们如何处理您的个人信息"), Optional.empty(), Set.of(MARKETING_SMS.code()), false,
                Optional.of(clock.now().minus(Duration.ofDays(30))), ADMIN)).notice();
        followerB = new FollowCommitsService(nodeB, secondNode.changeLog());
        followerB.markStart();
        new DecisionIndexLoader(nodeB).warmUp();
    }

    @AfterAll
    void stopSecondNode() {
        if (secondNode != null) {
            secondNode.close();
        }
    }

    private Ports ports(JpaPersistence p, MemoryDecisionIndex index) {
        return new Ports(p.purposes(), p.notices(), p.subjects(), p.consents(), p.preferences(), p.audit(), p.outbox(),
                SUBSCRIPTIONS, p.deadLetters(), ConnectorRuntime.NONE, p.idempotency(), p.confirmationTokens(), p.sendBudget(),
                index, p.decisionLog(), p.subjectStates(), p.apiKeys(), p.rightsRequests(), p.subjectKeys(), p.erasures(),
                p.shredder(), vault, cipher, clock, p.transactions());
    }

    private static Identifier phone() {
        return Identifier.phone(Phones.unique());
    }

    private SubjectId grant(Identifier who) {
        return consents.record(aGrant().by(who).of(MARKETING_SMS).on(policy).build()).receipts().get(0).subjectId();
    }

    private static Reason decide(Ports node, SubjectLocator who, Purpose purpose) {
        return new DecisionService(node).decide(new DecisionQuery(who, purpose.code(), UsageRequest.ANY)).decision().reason();
    }

    @Test
    void a_withdrawal_recorded_on_one_node_is_decided_on_the_other_once_it_follows() {
        Identifier person = phone();
        grant(person);
        assertThat(decide(nodeB, SubjectLocator.by(person), MARKETING_SMS)).as("not followed yet").isEqualTo(Reason.UNKNOWN_SUBJECT);
        followerB.follow();
        assertThat(decide(nodeB, SubjectLocator.by(person), MARKETING_SMS)).isEqualTo(Reason.GRANTED);

        consents.record(aWithdrawal().by(person).of(MARKETING_SMS).build());
        followerB.follow();

        assertThat(decide(nodeB, SubjectLocator.by(person), MARKETING_SMS)).isEqualTo(Reason.WITHDRAWN)
                .isEqualTo(decide(nodeA, SubjectLocator.by(person), MARKETING_SMS));
    }

    @Test
    void identifiers_removed_and_subjects_merged_on_one_node_lead_where_they_do_on_the_other() {
        Identifier first = phone();
        Identifier second = phone();
        Identifier third = phone();
        SubjectId into = grant(first);
        new IdentifiersService(nodeA).add(into, List.of(second), ADMIN);
        SubjectId from = consents.record(aWithdrawal().by(third).of(MARKETING_SMS).build()).receipts().get(0).subjectId();
        followerB.follow();
        assertThat(decide(nodeB, SubjectLocator.by(second), MARKETING_SMS)).isEqualTo(Reason.GRANTED);

        new IdentifiersService(nodeA).remove(into, List.of(second), ADMIN);
        new MergeSubjectsService(nodeA).merge(into, from, ADMIN);
        followerB.follow();

        assertThat(decide(nodeB, SubjectLocator.by(second), MARKETING_SMS)).as("unlinked").isEqualTo(Reason.UNKNOWN_SUBJECT);
        assertThat(nodeB.decisionIndex().subjectOf(vault.hash(third))).as("merged: leads to the merged subject").contains(into);
        assertThat(nodeB.decisionIndex().subject(from)).as("absorbed").isEmpty();
        assertThat(decide(nodeB, SubjectLocator.by(third), MARKETING_SMS)).isEqualTo(decide(nodeA, SubjectLocator.by(third), MARKETING_SMS));
    }

    @Test
    void the_change_log_says_which_identifier_changes_may_have_unlinked_some() {
        SubjectId person = grant(phone());
        long position = nodeA.audit().head().orElseThrow().seq();
        Identifier added = phone();
        new IdentifiersService(nodeA).add(person, List.of(added), ADMIN);
        new IdentifiersService(nodeA).remove(person, List.of(added), ADMIN);

        List<CommittedChange> changes = secondNode.changeLog().after(position, 100).stream()
                .filter(change -> change.type() == AuditEventType.SUBJECT_UPDATED).toList();

        assertThat(changes).extracting(CommittedChange::removesLinks).as("added, then removed").containsExactly(false, true);
    }

    @Test
    void a_purpose_redefined_on_one_node_is_the_other_nodes_at_once_though_its_store_caches_purposes() {
        String code = "follow-" + unique();
        Purpose purpose = Purpose.builder(code).name("zh", "跟随").category(PurposeCategory.MARKETING).dataElement(DataElement.named("phone"))
                .build();
        new ManagePurposesService(nodeA).define(new DefinePurposeCommand(purpose, ADMIN));
        assertThat(secondNode.purposes().find(purpose.code())).as("node B's store caches it now").isPresent();
        Purpose renamed = Purpose.builder(code).name("zh", "改名").category(PurposeCategory.MARKETING).dataElement(DataElement.named("phone"))
                .build();
        new ManagePurposesService(nodeA).define(new DefinePurposeCommand(renamed, ADMIN));

        followerB.follow();

        assertThat(nodeB.decisionIndex().purpose(purpose.code()).orElseThrow().name()).isEqualTo(renamed.name());
    }

    /**
     * Eight writers commit grants on node A while node B reads the log as fast as it can: every
     * page B reads goes on exactly where the last stopped (no number skipped, none twice), and at
     * the end B has read every change A made.
     */
    @Test
    void the_change_log_read_during_concurrent_commits_skips_no_number() throws Exception {
        long start = secondNode.audit().head().orElseThrow().seq();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            done.add(writers.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    grant(phone());
                }
            }));
        }
        List<Long> seen = new ArrayList<>();
        long position = start;
        writers.shutdown(); // it terminates once every writer is done, or failed: either ends the reading
        long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        boolean last;
        do {
            last = writers.isTerminated();
            List<CommittedChange> page = secondNode.changeLog().after(position, 7);
            for (CommittedChange change : page) {
                assertThat(change.seq()).as("the change after " + position).isEqualTo(position + 1);
                seen.add(change.seq());
                position = change.seq();
            }
            if (page.size() == 7) {
                last = false;
            }
        } while (!last && System.nanoTime() < giveUp);
        for (Future<?> each : done) {
            each.get();
        }

        long end = persistence.audit().head().orElseThrow().seq();
        assertThat(end - start).as("8 writers x 25 grants, one event each").isEqualTo(200);
        assertThat(seen).hasSize(200).startsWith(start + 1).endsWith(end);
    }
}
