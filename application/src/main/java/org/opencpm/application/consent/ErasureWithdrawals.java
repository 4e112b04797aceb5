package org.opencpm.application.consent;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencpm.application.Ports;
import org.opencpm.application.Retrying;
import org.opencpm.application.UnknownPurposeException;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.out.ConsentStore;
import org.opencpm.application.port.out.PurposeStore;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.ConsentAction;
import org.opencpm.domain.consent.ConsentRecorder;
import org.opencpm.domain.consent.ConsentRequest;
import org.opencpm.domain.consent.Evidence;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.Subject;

/**
 * The withdrawals an erasure begins with (PIPL Art. 47): every consent of the person still granted
 * or pending is withdrawn, through the same rules and writer as a withdrawal the person sends —
 * audit event, outbox change to every connector (erasure due), decision index — so that each
 * platform stops using the data before it is told to delete it.
 */
public final class ErasureWithdrawals {

    private final PurposeStore purposes;
    private final ConsentStore consents;
    private final ConsentWriter writer;

    public ErasureWithdrawals(Ports ports, Retrying retrying) {
        this.purposes = ports.purposes();
        this.consents = ports.consents();
        this.writer = new ConsentWriter(ports, retrying);
    }

    /**
     * Withdraws, in the caller's transaction, each consent of {@code subject} that is granted or
     * pending, with {@code evidence} (which says why).
     *
     * @return the subject as it is after the withdrawals (its version advanced once per withdrawal)
     */
    public Subject withdrawAll(Subject subject, Evidence evidence, Actor actor, Instant now) {
        Map<PurposeCode, Consent> current = consents.consentsOf(subject.id());
        List<Purpose> inForce = current.values().stream()
                .filter(c -> c.state().inForce())
                .map(c -> purposes.find(c.purpose()).orElseThrow(() -> new UnknownPurposeException(c.purpose())))
                .sorted((a, b) -> a.code().value().compareTo(b.code().value()))
                .toList();
        if (inForce.isEmpty()) {
            return subject;
        }
        Instant at = AfterLatestEvent.at(current, now);
        ConsentRequest request = new ConsentRequest(ConsentAction.WITHDRAW, inForce, Optional.empty(), Optional.empty(), evidence,
                Optional.empty(), Set.of(), at);
        ConsentRecorder.Recording recording = ConsentRecorder.record(request, subject, current, at);
        writer.write(recording, Optional.of(subject.version()), current, Map.of(), Map.of(), Optional.empty(), actor, now);
        return recording.subject();
    }
}
