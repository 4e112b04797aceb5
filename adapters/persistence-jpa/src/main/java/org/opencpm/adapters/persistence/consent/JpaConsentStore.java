package org.opencpm.adapters.persistence.consent;

import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.adapters.persistence.subject.JpaSubjectStore.RegisteredInThisTransaction;
import org.opencpm.application.port.out.ConsentStore;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/** Current consents in {@code consent}, one row per subject and purpose. */
public final class JpaConsentStore implements ConsentStore {

    private final JpaTransactions tx;

    public JpaConsentStore(JpaTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Map<PurposeCode, Consent> consentsOf(SubjectId subject) {
        return Map.copyOf(consentsOf(List.of(subject)).getOrDefault(subject, Map.of()));
    }

    /** The consents of several subjects at once (subjects without any are left out). */
    public Map<SubjectId, Map<PurposeCode, Consent>> consentsOf(Collection<SubjectId> subjects) {
        if (subjects.isEmpty()) {
            return Map.of();
        }
        List<String> ids = subjects.stream().map(SubjectId::value).distinct().toList();
        return tx.read(em -> {
            Map<SubjectId, Map<PurposeCode, Consent>> bySubject = new HashMap<>();
            em.createQuery("SELECT c FROM ConsentJpaEntity c WHERE c.subjectId IN :ids", ConsentJpaEntity.class)
                    .setParameter("ids", ids)
                    .getResultList()
                    .forEach(row -> {
                        Consent consent = ConsentMapper.toConsent(row);
                        bySubject.computeIfAbsent(consent.subject(), s -> new HashMap<>()).put(consent.purpose(), consent);
                    });
            return bySubject;
        });
    }

    @Override
    public void save(Consent consent) {
        ConsentJpaEntity.Key key = new ConsentJpaEntity.Key(consent.subject().value(), consent.purpose().value());
        // the first consent of a subject this transaction registered has no row to look for
        boolean surelyNew = tx.recall(new RegisteredInThisTransaction(consent.subject())).isPresent() && tx.recall(new Written(key)).isEmpty();
        tx.write(em -> {
            ConsentJpaEntity row = surelyNew ? null : em.find(ConsentJpaEntity.class, key);
            if (row == null) {
                em.persist(ConsentMapper.fill(new ConsentJpaEntity(), consent));
            } else {
                ConsentMapper.fill(row, consent);
            }
            return null;
        });
        tx.remember(new Written(key), Boolean.TRUE);
    }

    @Override
    public List<Consent> lapsed(Instant by, Optional<Consent> after, int limit) {
        String afterClause = after.isEmpty() ? "" : " AND (c.expiresAt > :at OR (c.expiresAt = :at AND (c.subjectId > :subject"
                + " OR (c.subjectId = :subject AND c.purpose > :purpose))))";
        return tx.read(em -> {
            TypedQuery<ConsentJpaEntity> query = em.createQuery("SELECT c FROM ConsentJpaEntity c WHERE c.state = :granted"
                    + " AND c.expiresAt IS NOT NULL AND c.expiresAt <= :by" + afterClause
                    + " ORDER BY c.expiresAt, c.subjectId, c.purpose", ConsentJpaEntity.class)
                    .setParameter("granted", ConsentState.GRANTED.code())
                    .setParameter("by", by.toEpochMilli());
            after.ifPresent(cursor -> query
                    .setParameter("at", cursor.expiresAt().orElseThrow(() -> new IllegalArgumentException("a cursor is a lapsed grant"))
                            .toEpochMilli())
                    .setParameter("subject", cursor.subject().value())
                    .setParameter("purpose", cursor.purpose().value()));
            return query.setMaxResults(limit).getResultList().stream().map(ConsentMapper::toConsent).toList();
        });
    }

    /** Remembered in the transaction once it wrote the row {@code key}. */
    private record Written(ConsentJpaEntity.Key key) {
    }
}
