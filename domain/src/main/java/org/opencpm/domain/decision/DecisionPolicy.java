package org.opencpm.domain.decision;

import java.time.Instant;
import java.util.Optional;
import org.opencpm.domain.consent.ConsentMethod;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.consent.ConsentStatus;
import org.opencpm.domain.consent.NoticeStamp;
import org.opencpm.domain.notice.MaterialChanges;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeRedefinition;

/**
 * Decides one use of one subject's data, from their consent, their preferences and the time.
 * The checks, in order, and the first that fails names the reason:
 * <ol>
 *   <li>the recipient is one the purpose names ({@link RecipientCoveragePolicy});</li>
 *   <li>a purpose on another lawful basis is allowed without consent ({@link LawfulBasisPolicy});</li>
 *   <li>a consent exists and is granted now: not pending, denied, withdrawn or expired;</li>
 *   <li>it was given by an explicit act, not inferred from conduct (PIPL Art. 14: an
 *       {@code implied} grant is kept as a record of what happened, but is no consent);</li>
 *   <li>for a minor, a guardian gave it;</li>
 *   <li>no material notice change since it was given;</li>
 *   <li>no material redefinition of the purpose since it was given ({@link
 *       org.opencpm.domain.purpose.PurposeRedefinition}, PIPL Art. 14 ¶2);</li>
 *   <li>the channel and the topic are not switched off.</li>
 * </ol>
 * It reads nothing but its arguments and does no I/O, so it can run on the hot path of an
 * in-memory index.
 */
public final class DecisionPolicy {

    private DecisionPolicy() {
    }

    /**
     * @param consent the subject's consent to the purpose, empty when none was ever recorded
     * @param minor   whether the subject is a minor now
     */
    public static Decision decide(Purpose purpose, Optional<? extends ConsentStatus> consent, boolean minor,
                                  Preferences preferences, MaterialChanges materialChanges,
                                  UsageRequest request, Instant now) {
        if (!RecipientCoveragePolicy.covers(purpose, request.recipient())) {
            return Decision.because(Reason.RECIPIENT_NOT_COVERED);
        }
        if (LawfulBasisPolicy.decidesWithoutConsent(purpose)) {
            return Decision.because(Reason.LEGAL_BASIS);
        }
        if (consent.isEmpty()) {
            return Decision.because(Reason.NO_CONSENT);
        }
        ConsentStatus status = consent.get();
        ConsentState state = status.stateAtEpochMilli(now.toEpochMilli());
        switch (state) {
            case PENDING:
                return Decision.because(Reason.PENDING_CONFIRMATION);
            case DENIED:
                return Decision.because(Reason.DENIED);
            case WITHDRAWN:
                return Decision.because(Reason.WITHDRAWN);
            case EXPIRED:
                return Decision.because(Reason.EXPIRED);
            case GRANTED:
                break;
        }
        if (status.method() == ConsentMethod.IMPLIED) {
            return Decision.because(Reason.IMPLIED_CONSENT);
        }
        if (minor && !status.grantedByGuardian()) {
            return Decision.because(Reason.GUARDIAN_REQUIRED);
        }
        Optional<NoticeStamp> notice = status.noticeStamp();
        if (notice.isPresent() && materialChanges.outdates(notice.get().ref().code(), notice.get().revision(), purpose.code())) {
            return Decision.because(Reason.NOTICE_OUTDATED);
        }
        if (PurposeRedefinition.outdates(purpose, status.grantedAtEpochMilli())) {
            return Decision.because(Reason.PURPOSE_REDEFINED);
        }
        if (request.channel().isPresent() && !preferences.allowsChannel(request.channel().get())) {
            return Decision.because(Reason.CHANNEL_DISABLED);
        }
        if (request.topic().isPresent() && !preferences.allowsTopic(request.topic().get())) {
            return Decision.because(Reason.TOPIC_DISABLED);
        }
        return Decision.because(Reason.GRANTED);
    }

    /**
     * Decides a use for someone OpenCPM has never heard of: no consent can exist, so only a
     * purpose on another lawful basis (to a covered recipient) is allowed.
     */
    public static Decision decideUnknownSubject(Purpose purpose, UsageRequest request) {
        if (!RecipientCoveragePolicy.covers(purpose, request.recipient())) {
            return Decision.because(Reason.RECIPIENT_NOT_COVERED);
        }
        if (LawfulBasisPolicy.decidesWithoutConsent(purpose)) {
            return Decision.because(Reason.LEGAL_BASIS);
        }
        return Decision.because(Reason.UNKNOWN_SUBJECT);
    }
}
