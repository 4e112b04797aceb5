package org.opencpm.application.selfservice;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencpm.application.UnknownPurposeException;
import org.opencpm.application.consent.RecordBySubject;
import org.opencpm.application.port.in.ConsentReceipt;
import org.opencpm.application.port.in.ManagePreferencesUseCase;
import org.opencpm.application.port.in.ManageRightsRequestsUseCase;
import org.opencpm.application.port.in.RecordRightsRequestCommand;
import org.opencpm.application.port.in.SelfAuthentication;
import org.opencpm.application.port.in.SelfEvidence;
import org.opencpm.application.port.in.SelfOverview;
import org.opencpm.application.port.in.SelfServiceUseCase;
import org.opencpm.application.port.in.SelfSession;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.application.port.in.UpdatePreferencesCommand;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.port.out.ConsentStore;
import org.opencpm.application.port.out.ErasureStore;
import org.opencpm.application.port.out.NoticeStore;
import org.opencpm.application.port.out.PurposeStore;
import org.opencpm.application.port.out.RightsRequestStore;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.application.subject.MergedSubjects;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.ConsentAction;
import org.opencpm.domain.consent.ConsentMethod;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.consent.Evidence;
import org.opencpm.domain.consent.NoticeStamp;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.rights.RightsRequest;
import org.opencpm.domain.rights.RightsRequestType;
import org.opencpm.domain.rights.Verification;

/**
 * The preference centre's use case. The person is whoever the session's token names, and no one
 * else: every read and change takes the subject from the session. Changes are made through the
 * same paths as the API's (consents by {@link RecordBySubject}, preferences and rights
 * requests through their use cases), recorded with channel {@code preference_centre}, method
 * {@code toggle}, the client's address and user agent, and the token's id as the actor.
 */
public final class SelfServiceService implements SelfServiceUseCase {

    /** The rights a person can ask for here: a copy of their data, and its deletion (PIPL Art. 45, 47). */
    static final Set<RightsRequestType> SELF_RIGHTS = Set.of(RightsRequestType.ACCESS, RightsRequestType.PORTABILITY,
            RightsRequestType.DELETION);

    private final SelfTokens tokens;
    private final SubjectStore subjects;
    private final ErasureStore erasures;
    private final PurposeStore purposes;
    private final NoticeStore notices;
    private final ConsentStore consents;
    private final RightsRequestStore rightsRequests;
    private final Clock clock;
    private final RecordBySubject recorder;
    private final ManagePreferencesUseCase preferences;
    private final ManageRightsRequestsUseCase rights;

    public SelfServiceService(SelfTokens tokens, SubjectStore subjects, ErasureStore erasures, PurposeStore purposes,
                              NoticeStore notices, ConsentStore consents, RightsRequestStore rightsRequests, Clock clock,
                              RecordBySubject recorder, ManagePreferencesUseCase preferences,
                              ManageRightsRequestsUseCase rights) {
        this.tokens = tokens;
        this.subjects = subjects;
        this.erasures = erasures;
        this.purposes = purposes;
        this.notices = notices;
        this.consents = consents;
        this.rightsRequests = rightsRequests;
        this.clock = clock;
        this.recorder = recorder;
        this.preferences = preferences;
        this.rights = rights;
    }

    @Override
    public SelfAuthentication authenticate(String token) {
        Optional<SelfTokens.Claims> claims = tokens.verify(token);
        if (claims.isEmpty()) {
            return new SelfAuthentication.Invalid();
        }
        SelfTokens.Claims c = claims.get();
        if (!clock.now().isBefore(c.expiresAt())) {
            return new SelfAuthentication.Expired();
        }
        // a link outlives nothing of the person: once erased (or merged into another record) it opens nothing
        if (subjects.find(c.subject()).isEmpty() || erasures.find(c.subject()).isPresent()
                || MergedSubjects.standingFor(subjects, c.subject()).isPresent()) {
            return new SelfAuthentication.Gone();
        }
        return new SelfAuthentication.Valid(c.session());
    }

    @Override
    public SelfOverview overview(SelfSession session) {
        Map<PurposeCode, Consent> held = consents.consentsOf(session.subject());
        Instant now = clock.now();
        List<Notice> published = notices.all();
        List<SelfOverview.PurposeEntry> entries = new ArrayList<>();
        for (Purpose purpose : purposes.all()) {
            Optional<Consent> consent = Optional.ofNullable(held.get(purpose.code()));
            Optional<ConsentState> state = consent.map(c -> c.stateAt(now));
            Optional<Notice> answeredOn = consent.flatMap(Consent::notice).map(NoticeStamp::ref).flatMap(notices::find);
            Optional<Notice> latest = latestCovering(published, purpose.code());
            boolean inForce = state.filter(ConsentState::inForce).isPresent();
            boolean withdrawable = purpose.requiresConsent() && inForce;
            boolean grantable = purpose.requiresConsent() && !inForce && latest.isPresent();
            entries.add(new SelfOverview.PurposeEntry(purpose, state, consent.flatMap(Consent::grantedAt),
                    consent.flatMap(Consent::expiresAt), answeredOn.or(() -> latest), withdrawable, grantable));
        }
        return new SelfOverview(entries, preferences.preferencesOf(session.subject()),
                rightsRequests.openOf(session.subject()), session.expiresAt());
    }

    @Override
    public List<ConsentReceipt> withdraw(SelfSession session, PurposeCode code, SelfEvidence evidence) {
        Purpose purpose = consentBased(code);
        // one not in force is left as it is by the recorder, in its transaction
        return recorder.record(session.subject(), ConsentAction.WITHDRAW, List.of(purpose.code()), Optional.empty(),
                evidence(evidence, session), session.actor());
    }

    @Override
    public List<ConsentReceipt> grant(SelfSession session, PurposeCode code, SelfEvidence evidence) {
        Purpose purpose = consentBased(code);
        // one in force is left as it is by the recorder, in its transaction
        Notice notice = latestCovering(notices.all(), code)
                .orElseThrow(() -> new NoNoticeCoversException(code));
        return recorder.record(session.subject(), ConsentAction.GRANT, List.of(purpose.code()), Optional.of(notice.ref()),
                evidence(evidence, session), session.actor());
    }

    @Override
    public List<ConsentReceipt> withdrawAllOptional(SelfSession session, SelfEvidence evidence) {
        Instant now = clock.now();
        List<PurposeCode> optional = new ArrayList<>();
        consents.consentsOf(session.subject()).forEach((code, consent) -> {
            ConsentState state = consent.stateAt(now);
            if (state.inForce()) {
                purposes.find(code).filter(p -> p.requiresConsent() && !p.necessary()).ifPresent(p -> optional.add(code));
            }
        });
        if (optional.isEmpty()) {
            return List.of();
        }
        List<ConsentReceipt> receipts = new ArrayList<>();
        // one event per purpose: a purpose that needs separate consent is never bundled with others (PIPL Art. 29, 39)
        for (PurposeCode code : optional.stream().sorted().toList()) {
            receipts.addAll(recorder.record(session.subject(), ConsentAction.WITHDRAW, List.of(code), Optional.empty(),
                    evidence(evidence, session), session.actor()));
        }
        return receipts;
    }

    @Override
    public long updatePreferences(SelfSession session, Preferences wanted) {
        return preferences.update(new UpdatePreferencesCommand(session.subject(), wanted, CollectionChannel.PREFERENCE_CENTRE,
                session.actor()));
    }

    @Override
    public RightsRequest requestRights(SelfSession session, RightsRequestType type) {
        if (!SELF_RIGHTS.contains(type)) {
            throw new InvalidValueException("type", "must be one of access, portability, deletion");
        }
        return rights.recordUnlessOpen(new RecordRightsRequestCommand(SubjectLocator.byId(session.subject()), type,
                CollectionChannel.PREFERENCE_CENTRE, Verification.of(session.via()), Optional.empty(), session.actor()));
    }

    private Purpose consentBased(PurposeCode code) {
        Purpose purpose = purposes.find(code).orElseThrow(() -> new UnknownPurposeException(code));
        if (!purpose.requiresConsent()) {
            throw new NotConsentBasedException(code);
        }
        return purpose;
    }

    private static Optional<Notice> latestCovering(List<Notice> published, PurposeCode code) {
        return published.stream().filter(n -> n.covers(code))
                .max(Comparator.comparing(Notice::publishedAt).thenComparing(Notice::revision));
    }

    private static Evidence evidence(SelfEvidence from, SelfSession session) {
        return new Evidence(CollectionChannel.PREFERENCE_CENTRE, ConsentMethod.TOGGLE, from.ip(), from.userAgent(), Optional.empty(),
                Optional.of("preference centre, " + session.via().code() + " " + session.tokenId()));
    }
}
