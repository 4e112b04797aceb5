package org.opencpm.application.selfservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;
import static org.opencpm.testfixtures.Purposes.ORDER_DELIVERY;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.adapters.vault.SelfTokenKey;
import org.opencpm.application.Ports;
import org.opencpm.application.SubjectNotFoundException;
import org.opencpm.application.port.in.DecisionQuery;
import org.opencpm.application.port.in.PreferenceLink;
import org.opencpm.application.port.in.SelfAuthentication;
import org.opencpm.application.port.in.SelfEvidence;
import org.opencpm.application.port.in.SelfSession;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.application.port.out.RightsRequestStore;
import org.opencpm.application.rights.RightsRequestOpenException;
import org.opencpm.application.rights.RightsRequestService;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.decision.UsageRequest;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.rights.RightsRequest;
import org.opencpm.domain.rights.RightsRequestStatus;
import org.opencpm.domain.rights.RightsRequestType;
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
    @DisplayName("A tap on another node that looked before the first tap's request was committed records nothing: the store refuses it, and it is answered with the first")
    void a_tap_that_missed_the_open_request_is_refused_by_the_store_and_answered_with_it() {
        SelfSession session = session(cpm.preferenceLinks.issue(person, Duration.ofHours(1), InMemoryOpenCpm.ADMIN).token());
        RightsRequest first = cpm.selfService.requestRights(session, RightsRequestType.DELETION);
        // the other node's first look at the person's open requests was taken before the first was committed
        RightsRequestStore stale = new StaleOnce(cpm.rightsRequestStore);
        Ports p = cpm.ports;
        Ports otherNode = new Ports(p.purposes(), p.notices(), p.subjects(), p.consents(), p.preferences(), p.audit(), p.outbox(),
                p.subscriptions(), p.deadLetters(), p.connectorRuntime(), p.idempotency(), p.confirmationTokens(), p.sendBudget(),
                p.decisionIndex(), p.decisionLog(), p.subjectStates(), p.apiKeys(), stale, p.subjectKeys(), p.erasures(), p.shredder(),
                p.vault(), p.personalCipher(), p.clock(), p.transactions());
        SelfServiceService service = new SelfServiceService(cpm.selfTokens, cpm.subjectStore, cpm.erasureStore, cpm.purposeStore,
                cpm.noticeStore, cpm.consentStore, stale, cpm.clock, new org.opencpm.application.consent.SubjectConsentRecorder(cpm.ports),
                cpm.preferences, new RightsRequestService(otherNode, RightsRequestService.DEFAULT_DEADLINE));
        int events = cpm.auditTrail.all().size();

        assertThatThrownBy(() -> service.requestRights(session, RightsRequestType.DELETION))
                .isInstanceOfSatisfying(RightsRequestOpenException.class, open -> assertThat(open.open()).isEqualTo(first));
        assertThat(cpm.rightsRequestStore.openOf(person)).containsExactly(first);
        assertThat(cpm.auditTrail.all()).hasSize(events);
    }

    /** Answers the first "which are open?" with none (a read taken before another node's commit), every later one as the store does. */
    private static final class StaleOnce implements RightsRequestStore {

        private final RightsRequestStore store;
        private boolean looked;

        StaleOnce(RightsRequestStore store) {
            this.store = store;
        }

        @Override
        public List<RightsRequest> openOf(SubjectId subject) {
            if (!looked) {
                looked = true;
                return List.of();
            }
            return store.openOf(subject);
        }

        @Override
        public void insert(RightsRequest request) {
            store.insert(request);
        }

        @Override
        public void insertSoleOpen(RightsRequest request) {
            store.insertSoleOpen(request);
        }

        @Override
        public boolean update(RightsRequest moved, RightsRequestStatus expected) {
            return store.update(moved, expected);
        }

        @Override
        public Optional<RightsRequest> find(String id) {
            return store.find(id);
        }

        @Override
        public List<RightsRequest> list(Optional<RightsRequestStatus> status, Optional<Instant> openAndDueBefore, int limit) {
            return store.list(status, openAndDueBefore, limit);
        }

        @Override
        public boolean anyOpenOf(SubjectId subject) {
            return store.anyOpenOf(subject);
        }

        @Override
        public long countOverdue(Instant now) {
            return store.countOverdue(now);
        }
    }
}
