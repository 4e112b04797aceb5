package org.opencpm.adapters.persistence.consent;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.application.port.out.ConsentStore;
import org.opencpm.domain.consent.Consent;
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
        tx.write(em -> {
            ConsentJpaEntity row = em.find(ConsentJpaEntity.class, new ConsentJpaEntity.Key(consent.subject().value(), consent.purpose().value()));
            if (row == null) {
                em.persist(ConsentMapper.fill(new ConsentJpaEntity(), consent));
            } else {
                ConsentMapper.fill(row, consent);
            }
            return null;
        });
    }
}
