package org.opencpm.application.selfservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;
import static org.opencpm.testfixtures.Purposes.ORDER_DELIVERY;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.adapters.vault.SelfTokenKey;
import org.opencpm.application.SubjectNotFoundException;
import org.opencpm.application.port.in.DecisionQuery;
import org.opencpm.application.port.in.PreferenceLink;
import org.opencpm.application.port.in.SelfAuthentication;
import org.opencpm.application.port.in.SelfEvidence;
import org.opencpm.application.port.in.SelfSession;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.decision.UsageRequest;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.rights.VerificationMethod;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.InMemoryOpenCpm;

/** The preference centre's use cases on the in-memory adapters: tokens, and changes through the same paths as the API's. */
class SelfServiceServiceTest {

    private static final Identifier PHONE = Identifier.phone("13912340022");
    private static final SelfEvidence FROM = new SelfEvidence(Optional.of("198.51.100.7"), Optional.of("MicroMessenger/8.0"));

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS, ORDER_DELIVERY);
    private final SubjectId person;

    SelfServiceServiceTest() {
        Notice notice = cpm.publish("privacy-policy", "1", false, MARKETING_SMS);
        cpm.recordConsent.record(aGrant().by(PHONE).of(MARKETING_SMS).on(notice).build());
        person = cpm.lookupSubject.lookup(List.of(PHONE)).orElseThrow();
    }

    private SelfSession session(String token) {
        return ((SelfAuthentication.Valid) cpm.selfService.authenticate(token)).session();
    }

    @Test
    @DisplayName("A link's token names its person until its expiry, to the second; then it is expired, not invalid")
    void a_token_expires() {
        PreferenceLink link = cpm.preferenceLinks.issue(person, Duration.ofMinutes(30), InMemoryOpenCpm.ADMIN);
        assertThat(session(link.token()).subject()).isEqualTo(person);
        assertThat(session(link.token()).via()).isEqualTo(VerificationMethod.LINK);
        cpm.clock.advance(Duration.ofMinutes(30).minusSeconds(1));
        assertThat(cpm.selfService.authenticate(link.token())).isInstanceOf(SelfAuthentication.Valid.class);
        cpm.clock.advance(Duration.ofSeconds(1));
        assertThat(cpm.selfService.authenticate(link.token())).isInstanceOf(SelfAuthentication.Expired.class);
    }

    @Test
    @DisplayName("A token signed under another key, altered in any character, or of the other kind is invalid")
    void forged_tokens_are_invalid() {
        String token = cpm.preferenceLinks.issue(person, Duration.ofHours(1), InMemoryOpenCpm.ADMIN).token();
        for (int i = 5; i < token.length(); i++) {
            char c = token.charAt(i);
            String altered = token.substring(0, i) + (c == 'A' ? 'B' : 'A') + token.substring(i + 1);
            assertThat(cpm.selfService.authenticate(altered)).as("character %d altered", i).isInstanceOf(SelfAuthentication.Invalid.class);
        }
        String foreign = new SelfTokens(SelfTokenKey.random()).issue(VerificationMethod.LINK, person, cpm.clock.now().plusSeconds(60)).token();
        assertThat(cpm.selfService.authenticate(foreign)).isInstanceOf(SelfAuthentication.Invalid.class);
        assertThat(cpm.selfService.authenticate(SelfTokens.CODE_PREFIX + token.substring(5))).isInstanceOf(SelfAuthentication.Invalid.class);
        assertThat(cpm.selfService.authenticate(null)).isInstanceOf(SelfAuthentication.Invalid.class);
        assertThat(cpm.selfService.authenticate("")).isInstanceOf(SelfAuthentication.Invalid.class);
    }

    @Test
    @DisplayName("Links only for a person who is there, for 5 minutes to 7 days")
    void links_are_bounded() {
        assertThatThrownBy(() -> cpm.preferenceLinks.issue(SubjectId.newId(), Duration.ofHours(1), InMemoryOpenCpm.ADMIN))
                .isInstanceOf(SubjectNotFoundException.class);
        assertThatThrownBy(() -> cpm.preferenceLinks.issue(person, Duration.ofMinutes(4), InMemoryOpenCpm.ADMIN))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> cpm.preferenceLinks.issue(person, Duration.ofDays(7).plusSeconds(1), InMemoryOpenCpm.ADMIN))
                .isInstanceOf(InvalidValueException.class);
        assertThat(cpm.preferenceLinks.issue(person, Duration.ofDays(7), InMemoryOpenCpm.ADMIN).expiresAt())
                .isEqualTo(cpm.clock.now().plus(Duration.ofDays(7)));
    }

    @Test
    @DisplayName("PIPL Art. 15: a withdrawal is audited in the person's chain with its evidence and the link as actor, and the decision follows")
    void a_withdrawal_is_audited_and_decided() {
        PreferenceLink link = cpm.preferenceLinks.issue(person, Duration.ofHours(1), InMemoryOpenCpm.ADMIN);
        int before = cpm.auditTrail.all().size();
        cpm.selfService.withdraw(session(link.token()), MARKETING_SMS.code(), FROM);
        AuditEvent event = cpm.auditTrail.all().getLast();
        assertThat(cpm.auditTrail.all()).hasSize(before + 1);
        assertThat(event.actor()).isEqualTo("self:" + link.linkId());
        assertThat(cpm.personalOf(event).values()).contains("198.51.100.7", "MicroMessenger/8.0");
        assertThat(cpm.decide.decide(new DecisionQuery(SubjectLocator.byId(person), MARKETING_SMS.code(), UsageRequest.ANY)).decision().reason())
                .isEqualTo(Reason.WITHDRAWN);
        // a second tap writes nothing
        assertThat(cpm.selfService.withdraw(session(link.token()), MARKETING_SMS.code(), FROM)).isEmpty();
        assertThat(cpm.auditTrail.all()).hasSize(before + 1);
        assertThatThrownBy(() -> cpm.selfService.withdraw(session(link.token()), ORDER_DELIVERY.code(), FROM))
                .isInstanceOf(NotConsentBasedException.class);
    }

    @Test
    @DisplayName("A grant of a purpose already granted writes nothing; once withdrawn, it grants again")
    void a_grant_in_force_writes_nothing() {
        SelfSession session = session(cpm.preferenceLinks.issue(person, Duration.ofHours(1), InMemoryOpenCpm.ADMIN).token());
        int before = cpm.auditTrail.all().size();
        assertThat(cpm.selfService.grant(session, MARKETING_SMS.code(), FROM)).isEmpty();
        assertThat(cpm.auditTrail.all()).hasSize(before);
        cpm.selfService.withdraw(session, MARKETING_SMS.code(), FROM);
        assertThat(cpm.selfService.grant(session, MARKETING_SMS.code(), FROM)).hasSize(1);
        assertThat(cpm.auditTrail.all()).hasSize(before + 2);
    }

    @Test
    @DisplayName("ADR 0005: a withdrawal taken by a node whose clock runs behind the one that recorded the grant still withdraws")
    void a_withdrawal_behind_the_grants_clock_still_withdraws() {
        SelfSession session = session(cpm.preferenceLinks.issue(person, Duration.ofHours(1), InMemoryOpenCpm.ADMIN).token());
        cpm.clock.set(cpm.clock.now().minusSeconds(2));
        assertThat(cpm.selfService.withdraw(session, MARKETING_SMS.code(), FROM)).hasSize(1);
        assertThat(cpm.decide.decide(new DecisionQuery(SubjectLocator.byId(person), MARKETING_SMS.code(), UsageRequest.ANY)).decision().reason())
                .isEqualTo(Reason.WITHDRAWN);
    }

    @Test
    @DisplayName("PIPL Art. 47: once the person's erasure starts, their link is gone")
    void an_erased_persons_link_is_gone() {
        PreferenceLink link = cpm.preferenceLinks.issue(person, Duration.ofHours(1), InMemoryOpenCpm.ADMIN);
        var request = cpm.selfService.requestRights(session(link.token()), org.opencpm.domain.rights.RightsRequestType.DELETION);
        cpm.erasure.erase(new org.opencpm.application.port.in.EraseSubjectCommand(person,
                org.opencpm.application.port.in.EraseSubjectCommand.Reason.REQUEST, Optional.of(request.id()), InMemoryOpenCpm.ADMIN));
        assertThat(cpm.selfService.authenticate(link.token())).isInstanceOf(SelfAuthentication.Gone.class);
    }

    @Test
    @DisplayName("Two taps at once ask for deletion once: the second finds the first's request open, not a second one recorded")
    void simultaneous_requests_record_one() throws Exception {
        // both taps reach "is one open?" before either records, if nothing stops the second first
        java.util.concurrent.CountDownLatch bothLooked = new java.util.concurrent.CountDownLatch(2);
        Set<Thread> taps = ConcurrentHashMap.newKeySet();
        org.opencpm.application.port.out.RightsRequestStore store = new RacingStore(cpm.rightsRequestStore, bothLooked, taps);
        SelfServiceService service = new SelfServiceService(cpm.selfTokens, cpm.subjectStore, cpm.erasureStore, cpm.purposeStore,
                cpm.noticeStore, cpm.consentStore, store, cpm.clock, new org.opencpm.application.consent.SubjectConsentRecorder(cpm.ports),
                cpm.preferences, cpm.rightsRequests);
        SelfSession session = session(cpm.preferenceLinks.issue(person, Duration.ofHours(1), InMemoryOpenCpm.ADMIN).token());
        java.util.concurrent.Callable<String> tap = () -> {
            taps.add(Thread.currentThread());
            try {
                return service.requestRights(session, org.opencpm.domain.rights.RightsRequestType.DELETION).id();
            } catch (RightsRequestOpenException open) {
                return "open";
            }
        };
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var first = pool.submit(tap);
            var second = pool.submit(tap);
            assertThat(List.of(first.get(), second.get())).containsOnlyOnce("open");
        }
        assertThat(cpm.rightsRequestStore.openOf(person)).hasSize(1);
    }

    /**
     * Holds each "is one open?" until both taps have asked, or the other tap is blocked on a lock
     * this one holds (so it cannot ask until this one has recorded): no fixed wait, which would
     * slow every run and, on a busy machine, could end before the other tap got there.
     */
    private record RacingStore(org.opencpm.application.port.out.RightsRequestStore store, java.util.concurrent.CountDownLatch looked,
                               Set<Thread> taps) implements org.opencpm.application.port.out.RightsRequestStore {

        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        @Override
        public List<org.opencpm.domain.rights.RightsRequest> openOf(SubjectId subject) {
            List<org.opencpm.domain.rights.RightsRequest> open = store.openOf(subject);
            looked.countDown();
            Instant deadline = Instant.now().plusSeconds(30);
            try {
                while (!looked.await(1, java.util.concurrent.TimeUnit.MILLISECONDS) && !otherTapWaitsOnMe()) {
                    assertThat(Instant.now()).as("the other tap neither asked nor waited on this one").isBefore(deadline);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return open;
        }

        private boolean otherTapWaitsOnMe() {
            long me = Thread.currentThread().threadId();
            return taps.stream().filter(t -> t.threadId() != me).map(t -> THREADS.getThreadInfo(t.threadId()))
                    .anyMatch(info -> info != null && info.getThreadState() == Thread.State.BLOCKED && info.getLockOwnerId() == me);
        }

        @Override
        public void insert(org.opencpm.domain.rights.RightsRequest request) {
            store.insert(request);
        }

        @Override
        public boolean update(org.opencpm.domain.rights.RightsRequest moved, org.opencpm.domain.rights.RightsRequestStatus expected) {
            return store.update(moved, expected);
        }

        @Override
        public Optional<org.opencpm.domain.rights.RightsRequest> find(String id) {
            return store.find(id);
        }

        @Override
        public List<org.opencpm.domain.rights.RightsRequest> list(Optional<org.opencpm.domain.rights.RightsRequestStatus> status,
                                                                  Optional<java.time.Instant> openAndDueBefore, int limit) {
            return store.list(status, openAndDueBefore, limit);
        }

        @Override
        public boolean anyOpenOf(SubjectId subject) {
            return store.anyOpenOf(subject);
        }

        @Override
        public long countOverdue(java.time.Instant now) {
            return store.countOverdue(now);
        }
    }
}
