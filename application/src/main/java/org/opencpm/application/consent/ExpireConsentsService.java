package org.opencpm.application.consent;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.opencpm.application.Ports;
import org.opencpm.application.Retrying;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.ExpireConsentsUseCase;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.application.port.out.ConsentStore;
import org.opencpm.application.port.out.PurposeStore;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.ConsentRecorder;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.Subject;
import org.opencpm.domain.subject.SubjectId;

/**
 * Records the expiry of lapsed grants through the same writer as every consent event, so that each
 * gets what a withdrawal gets: the consent row, an audit event (actor {@code system}, at the grant's
 * {@code expiresAt}), a change for the connectors (erasure due where the purpose rests on consent)
 * and the decision index.
 *
 * <p>Bounded: the lapsed grants are read in pages of {@code pageSize}, each page expired in one
 * transaction, pages found by a cursor so that a page passed over is not read again in the same
 * run. Safe against everything that can happen between the listing and the transaction (ADR 0005:
 * the latest event is in force): inside the transaction the subject is read again (locked, on a
 * database) and a consent whose version is no longer the listed one — renewed, withdrawn, or
 * expired by another node running the same job — is left alone; the subject is written over its
 * expected version. A page that keeps conflicting is passed over; the next run takes it up.
 */
public final class ExpireConsentsService implements ExpireConsentsUseCase {

    /** Grants expired per transaction. */
    public static final int PAGE_SIZE = 100;

    private final PurposeStore purposes;
    private final SubjectStore subjects;
    private final ConsentStore consents;
    private final Clock clock;
    private final Retrying retrying;
    private final ConsentWriter writer;
    private final int pageSize;

    public ExpireConsentsService(Ports ports) {
        this(ports, PAGE_SIZE);
    }

    ExpireConsentsService(Ports ports, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be positive");
        }
        this.purposes = ports.purposes();
        this.subjects = ports.subjects();
        this.consents = ports.consents();
        this.clock = ports.clock();
        this.retrying = new Retrying(ports.transactions());
        this.writer = new ConsentWriter(ports, retrying);
        this.pageSize = pageSize;
    }

    @Override
    public int expireLapsed() {
        Instant now = clock.now();
        int expired = 0;
        Optional<Consent> after = Optional.empty();
        while (true) {
            List<Consent> page = consents.lapsed(now, after, pageSize);
            if (page.isEmpty()) {
                return expired;
            }
            try {
                expired += retrying.inTransaction(() -> expire(page, now));
            } catch (ConcurrencyConflictException busy) {
                // other writers kept changing these subjects: passed over, the next run takes them up
            }
            if (page.size() < pageSize) {
                return expired;
            }
            after = Optional.of(page.getLast());
        }
    }

    /** Expires what is still as listed in {@code page}; inside the transaction. */
    private int expire(List<Consent> page, Instant now) {
        Map<SubjectId, List<Consent>> bySubject = page.stream()
                .collect(Collectors.groupingBy(Consent::subject, LinkedHashMap::new, Collectors.toList()));
        Map<PurposeCode, Optional<Purpose>> definitions = new HashMap<>();
        int expired = 0;
        for (Map.Entry<SubjectId, List<Consent>> listed : bySubject.entrySet()) {
            Optional<Subject> stored = subjects.find(listed.getKey());
            if (stored.isEmpty() || subjects.mergedInto(listed.getKey()).isPresent()) {
                // a record merged into another (PIPL Art. 46) keeps its consents as history: the person's
                // consent in force is the absorbing record's, and an expiry here would reach connectors
                // and the decision index for a record that no longer stands for anybody
                continue;
            }
            Subject subject = stored.get();
            Map<PurposeCode, Consent> current = new HashMap<>(consents.consentsOf(subject.id()));
            for (Consent lapsed : listed.getValue()) {
                Consent inForce = current.get(lapsed.purpose());
                if (inForce == null || inForce.version() != lapsed.version()) {
                    continue; // a newer event is in force since the listing
                }
                Optional<Purpose> purpose = definitions.computeIfAbsent(lapsed.purpose(), purposes::find);
                Subject before = subject;
                Optional<ConsentRecorder.Recording> recording = purpose.flatMap(p -> ConsentRecorder.expire(before, p, current, now));
                if (recording.isEmpty()) {
                    continue;
                }
                writer.write(recording.get(), Optional.of(subject.version()), current, Map.of(), Map.of(), Optional.empty(),
                        Actor.SYSTEM, now);
                subject = recording.get().subject();
                current.put(lapsed.purpose(), recording.get().consents().getFirst());
                expired++;
            }
        }
        return expired;
    }
}
