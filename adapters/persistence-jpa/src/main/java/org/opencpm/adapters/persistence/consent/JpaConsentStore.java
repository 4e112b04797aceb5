package org.opencpm.adapters.persistence.consent;

import jakarta.persistence.TypedQuery;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.adapters.persistence.KeyedLookup;
import org.opencpm.adapters.persistence.subject.JpaSubjectStore.RegisteredInThisTransaction;
import org.opencpm.application.port.out.ConsentStore;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/** Current consents in {@code consent}, one row per subject and purpose. */
public final class JpaConsentStore implements ConsentStore {

    private final JpaTransactions tx;
    private final KeyedLookup lookup;

    public JpaConsentStore(JpaTransactions tx, KeyedLookup lookup) {
        this.tx = tx;
        this.lookup = lookup;
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

    /**
     * JDBC batches on the transaction's connection: an {@code UPDATE} for each consent whose row
     * exists ({@link #existing}), an {@code INSERT} for the others.
     */
    @Override
    public void saveAll(Collection<Consent> consents) {
        if (consents.isEmpty()) {
            return;
        }
        Set<ConsentJpaEntity.Key> existing = existing(consents);
        tx.jdbcInTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO consent (state, version, changed_at, granted_at,"
                    + " expires_at, notice_code, notice_version, notice_hash, notice_revision, guardian_relation, channel, method,"
                    + " subject_id, purpose) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement update = connection.prepareStatement("UPDATE consent SET state = ?, version = ?, changed_at = ?,"
                         + " granted_at = ?, expires_at = ?, notice_code = ?, notice_version = ?, notice_hash = ?, notice_revision = ?,"
                         + " guardian_relation = ?, channel = ?, method = ? WHERE subject_id = ? AND purpose = ?")) {
                int inserts = 0;
                int updates = 0;
                for (Consent consent : consents) {
                    ConsentJpaEntity row = ConsentMapper.fill(new ConsentJpaEntity(), consent);
                    boolean exists = existing.contains(new ConsentJpaEntity.Key(row.subjectId, row.purpose));
                    bind(exists ? update : insert, row);
                    if (exists) {
                        updates++;
                    } else {
                        inserts++;
                    }
                }
                if (inserts > 0) {
                    JpaTransactions.executeEachOnOneRow(insert, "a consent");
                }
                if (updates > 0) {
                    JpaTransactions.executeEachOnOneRow(update, "a consent");
                }
            }
            return null;
        });
        consents.forEach(c -> tx.remember(new Written(new ConsentJpaEntity.Key(c.subject().value(), c.purpose().value())), Boolean.TRUE));
    }

    /**
     * Which of the consents' rows are stored (or written by this transaction): the rows of the
     * subjects this transaction did not register, on the transaction's connection in as few
     * queries as the database allows ({@link KeyedLookup}).
     */
    private Set<ConsentJpaEntity.Key> existing(Collection<Consent> consents) {
        Set<ConsentJpaEntity.Key> existing = new HashSet<>();
        List<String> subjects = consents.stream().map(Consent::subject)
                .filter(s -> tx.recall(new RegisteredInThisTransaction(s)).isEmpty())
                .map(SubjectId::value).distinct().toList();
        if (!subjects.isEmpty()) {
            tx.jdbcInTransaction(connection -> {
                lookup.read(connection, "SELECT subject_id, purpose FROM consent WHERE subject_id", subjects,
                        row -> existing.add(new ConsentJpaEntity.Key(row.getString(1), row.getString(2))));
                return null;
            });
        }
        for (Consent c : consents) {
            ConsentJpaEntity.Key key = new ConsentJpaEntity.Key(c.subject().value(), c.purpose().value());
            if (tx.recall(new Written(key)).isPresent()) {
                existing.add(key);
            }
        }
        return existing;
    }

    private static void bind(PreparedStatement statement, ConsentJpaEntity row) throws SQLException {
        statement.setString(1, row.state);
        statement.setLong(2, row.version);
        statement.setLong(3, row.changedAt);
        setLong(statement, 4, row.grantedAt);
        setLong(statement, 5, row.expiresAt);
        statement.setString(6, row.noticeCode);
        statement.setString(7, row.noticeVersion);
        statement.setString(8, row.noticeHash);
        if (row.noticeRevision == null) {
            statement.setNull(9, Types.INTEGER);
        } else {
            statement.setInt(9, row.noticeRevision);
        }
        statement.setString(10, row.guardianRelation);
        statement.setString(11, row.channel);
        statement.setString(12, row.method);
        statement.setString(13, row.subjectId);
        statement.setString(14, row.purpose);
        statement.addBatch();
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
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
