package org.opencpm.adapters.persistence.subject;

import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.adapters.persistence.KeyedLookup;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.application.port.out.IdentifierHash;
import org.opencpm.application.port.out.LinkedIdentifier;
import org.opencpm.application.port.out.SealedIdentifier;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.domain.subject.IdentifierType;
import org.opencpm.domain.subject.Subject;
import org.opencpm.domain.subject.SubjectId;

/**
 * Subjects in {@code subject} and their identifiers in {@code subject_identifier}.
 *
 * <p>An update is one statement, {@code UPDATE subject … WHERE id = ? AND version = ?}: a writer
 * whose version is no longer the stored one updates no row and gets a
 * {@link ConcurrencyConflictException}. Inside a transaction {@link #find} already locks the row,
 * so writers of one subject queue up there, each reading the version its predecessor committed;
 * they all lock the subject row before the audit head, so the lock order is the same everywhere.
 * A subject merged into another keeps its row, with {@code merged_into} naming the other (V11).
 */
public final class JpaSubjectStore implements SubjectStore {

    private final JpaTransactions tx;
    private final KeyedLookup lookup;

    public JpaSubjectStore(JpaTransactions tx, KeyedLookup lookup) {
        this.tx = tx;
        this.lookup = lookup;
    }

    /**
     * The subject the identifier leads to. Inside a transaction the answer holds for the rest of
     * it: a use case that found an identifier unknown and then links it must not find it known a
     * moment later because another transaction linked it meanwhile (it would register a second
     * subject for one person without linking the identifier); it links it and gets the
     * {@link ConcurrencyConflictException} of the duplicate key instead, and runs again.
     */
    @Override
    public Optional<SubjectId> findByIdentifier(IdentifierHash hash) {
        return tx.repeatable(new Lookup(hash), () -> tx.read(em -> Optional.ofNullable(em.find(SubjectIdentifierJpaEntity.class, hash.hex()))
                .map(row -> SubjectId.of(row.subjectId))));
    }

    /**
     * Inside a transaction, on the transaction's connection in as few queries as the database
     * allows ({@link KeyedLookup}), each answer remembered for the rest of the transaction as
     * {@link #findByIdentifier}'s is.
     */
    @Override
    public Map<IdentifierHash, SubjectId> findByIdentifiers(Collection<IdentifierHash> hashes) {
        if (!tx.active()) {
            return SubjectStore.super.findByIdentifiers(hashes);
        }
        Map<String, IdentifierHash> byHex = new HashMap<>();
        hashes.forEach(hash -> byHex.put(hash.hex(), hash));
        Map<IdentifierHash, SubjectId> found = tx.jdbcInTransaction(connection -> {
            Map<IdentifierHash, SubjectId> rows = new HashMap<>();
            lookup.read(connection, "SELECT hash, subject_id FROM subject_identifier WHERE hash", byHex.keySet(),
                    row -> rows.put(byHex.get(row.getString(1)), SubjectId.of(row.getString(2))));
            return rows;
        });
        for (IdentifierHash hash : hashes) {
            tx.remember(new Lookup(hash), Optional.ofNullable(found.get(hash)));
        }
        return found;
    }

    /**
     * JDBC batches on the transaction's connection: the new subjects' {@code INSERT}s, the
     * updates (each only from its expected version), the links' {@code INSERT}s.
     */
    @Override
    public void saveAll(List<Save> saves, List<NewLink> links) {
        tx.jdbcInTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO subject (id, birth_date, declared_minor, version, registered_at) VALUES (?, ?, ?, ?, ?)");
                 PreparedStatement update = connection.prepareStatement("UPDATE subject SET birth_date = ?, declared_minor = ?, version = ?,"
                         + " registered_at = ? WHERE id = ? AND version = ?")) {
                int inserts = 0;
                int updates = 0;
                for (Save save : saves) {
                    SubjectJpaEntity row = SubjectMapper.toEntity(save.subject());
                    if (save.expectedVersion().isEmpty()) {
                        insert.setString(1, row.id);
                        setDate(insert, 2, row);
                        insert.setBoolean(3, row.declaredMinor);
                        insert.setLong(4, row.version);
                        insert.setLong(5, row.registeredAt);
                        insert.addBatch();
                        inserts++;
                    } else {
                        setDate(update, 1, row);
                        update.setBoolean(2, row.declaredMinor);
                        update.setLong(3, row.version);
                        update.setLong(4, row.registeredAt);
                        update.setString(5, row.id);
                        update.setLong(6, save.expectedVersion().get());
                        update.addBatch();
                        updates++;
                    }
                }
                if (inserts > 0) {
                    JpaTransactions.executeEachOnOneRow(insert, "a subject");
                }
                if (updates > 0) {
                    JpaTransactions.executeEachOnOneRow(update, "a subject");
                }
            }
            if (!links.isEmpty()) {
                try (PreparedStatement link = connection.prepareStatement(
                        "INSERT INTO subject_identifier (hash, subject_id, type, sealed) VALUES (?, ?, ?, ?)")) {
                    for (NewLink l : links) {
                        SubjectIdentifierJpaEntity row = SubjectMapper.toEntity(l.subject(), l.type(), l.hash(), l.sealed());
                        link.setString(1, row.hash);
                        link.setString(2, row.subjectId);
                        link.setString(3, row.type);
                        link.setString(4, row.sealed);
                        link.addBatch();
                    }
                    JpaTransactions.executeEachOnOneRow(link, "an identifier");
                }
            }
            return null;
        });
        saves.stream().filter(save -> save.expectedVersion().isEmpty())
                .forEach(save -> tx.remember(new RegisteredInThisTransaction(save.subject().id()), Boolean.TRUE));
        links.forEach(l -> tx.remember(new Lookup(l.hash()), Optional.of(l.subject())));
    }

    private static void setDate(PreparedStatement statement, int index, SubjectJpaEntity row) throws SQLException {
        if (row.birthDate == null) {
            statement.setNull(index, Types.DATE);
        } else {
            statement.setObject(index, row.birthDate);
        }
    }

    /** The key under which a transaction remembers an identifier lookup. */
    /**
     * Remembered in the transaction that inserted the subject: nothing of it can be stored yet but
     * what this transaction writes, so other stores need not look for its rows before inserting.
     */
    public record RegisteredInThisTransaction(SubjectId subject) {
    }

    private record Lookup(IdentifierHash hash) {
    }

    /**
     * The subject; inside a transaction read for update ({@code SELECT … FOR UPDATE}), since a
     * use case reads a subject in a transaction in order to change it: a second writer of the
     * same subject then waits here until the first commits and reads the new version, instead of
     * failing at its update and starting over (which, under a burst of writers, could outlast
     * the application's retries). Plain reads outside a transaction take no lock and wait for none.
     */
    @Override
    public Optional<Subject> find(SubjectId id) {
        boolean forUpdate = tx.active();
        return tx.read(em -> Optional.ofNullable(forUpdate
                        ? em.find(SubjectJpaEntity.class, id.value(), LockModeType.PESSIMISTIC_WRITE)
                        : em.find(SubjectJpaEntity.class, id.value()))
                .map(SubjectMapper::toSubject));
    }

    @Override
    public void save(Subject subject, Optional<Long> expectedVersion) {
        tx.write(em -> {
            if (expectedVersion.isEmpty()) {
                em.persist(SubjectMapper.toEntity(subject));
                tx.remember(new RegisteredInThisTransaction(subject.id()), Boolean.TRUE);
                return null;
            }
            // a null bound without a type is refused by some drivers: NULL is written as a literal
            Query update = em.createQuery("UPDATE SubjectJpaEntity s SET s.birthDate = "
                    + (subject.birthDate().isPresent() ? ":birthDate" : "NULL")
                    + ", s.declaredMinor = :minor, s.version = :version, s.registeredAt = :registeredAt"
                    + " WHERE s.id = :id AND s.version = :expected");
            subject.birthDate().ifPresent(date -> update.setParameter("birthDate", date));
            int updated = update
                    .setParameter("minor", subject.declaredMinor())
                    .setParameter("version", subject.version())
                    .setParameter("registeredAt", subject.registeredAt().toEpochMilli())
                    .setParameter("id", subject.id().value())
                    .setParameter("expected", expectedVersion.get())
                    .executeUpdate();
            if (updated != 1) {
                throw new ConcurrencyConflictException("subject " + subject.id() + " changed meanwhile");
            }
            return null;
        });
    }

    @Override
    public void link(SubjectId id, IdentifierType type, IdentifierHash hash, SealedIdentifier sealed) {
        tx.write(em -> {
            em.persist(SubjectMapper.toEntity(id, type, hash, sealed));
            return null;
        });
        tx.remember(new Lookup(hash), Optional.of(id));
    }

    @Override
    public List<LinkedIdentifier> identifiersOf(SubjectId id) {
        return tx.read(em -> em.createQuery("SELECT i FROM SubjectIdentifierJpaEntity i WHERE i.subjectId = :subject ORDER BY i.hash",
                        SubjectIdentifierJpaEntity.class)
                .setParameter("subject", id.value())
                .getResultList().stream().map(SubjectMapper::toLinked).toList());
    }

    /**
     * Removes the link only if it is {@code id}'s; remembered for the rest of the transaction as
     * leading nowhere.
     */
    @Override
    public boolean unlink(SubjectId id, IdentifierHash hash) {
        int deleted = tx.write(em -> em.createQuery("DELETE FROM SubjectIdentifierJpaEntity i WHERE i.hash = :hash AND i.subjectId = :subject")
                .setParameter("hash", hash.hex())
                .setParameter("subject", id.value())
                .executeUpdate());
        if (deleted == 1) {
            tx.remember(new Lookup(hash), Optional.empty());
        }
        return deleted == 1;
    }

    /**
     * Two statements: {@code merged_into} set only where it is still NULL (a concurrent merge of
     * {@code from} that got there first leaves it set, and this one fails with a conflict), then
     * every identifier row of {@code from} given to {@code into}.
     */
    @Override
    public void merge(SubjectId from, SubjectId into) {
        tx.write(em -> {
            int marked = em.createQuery("UPDATE SubjectJpaEntity s SET s.mergedInto = :into WHERE s.id = :from AND s.mergedInto IS NULL")
                    .setParameter("into", into.value())
                    .setParameter("from", from.value())
                    .executeUpdate();
            if (marked != 1) {
                throw new ConcurrencyConflictException("subject " + from + " merged meanwhile");
            }
            em.createNativeQuery("INSERT INTO subject_merge (absorbed_id, into_id) VALUES (?1, ?2)")
                    .setParameter(1, from.value())
                    .setParameter(2, into.value())
                    .executeUpdate();
            em.createQuery("UPDATE SubjectIdentifierJpaEntity i SET i.subjectId = :into WHERE i.subjectId = :from")
                    .setParameter("into", into.value())
                    .setParameter("from", from.value())
                    .executeUpdate();
            return null;
        });
    }

    /** Read from the table each time (not from the persistence context), so a merge committed meanwhile is seen. */
    @Override
    public Optional<SubjectId> mergedInto(SubjectId id) {
        return tx.read(em -> em.createQuery("SELECT s.mergedInto FROM SubjectJpaEntity s WHERE s.id = :id AND s.mergedInto IS NOT NULL",
                        String.class)
                .setParameter("id", id.value())
                .getResultList().stream().findFirst().map(SubjectId::of));
    }

    /** One query per level of merges, on {@code subject_merge}'s index of the absorbing subject. */
    @Override
    public List<SubjectId> absorbedBy(SubjectId into) {
        List<SubjectId> found = new ArrayList<>();
        List<String> level = List.of(into.value());
        while (!level.isEmpty()) {
            List<String> targets = level;
            level = tx.read(em -> {
                StringBuilder in = new StringBuilder();
                for (int i = 1; i <= targets.size(); i++) {
                    in.append(i == 1 ? "?" : ", ?").append(i);
                }
                jakarta.persistence.Query query = em.createNativeQuery("SELECT absorbed_id FROM subject_merge WHERE into_id IN (" + in
                        + ") ORDER BY absorbed_id");
                for (int i = 0; i < targets.size(); i++) {
                    query.setParameter(i + 1, targets.get(i));
                }
                List<String> ids = new ArrayList<>();
                for (Object row : query.getResultList()) {
                    ids.add((String) row);
                }
                return ids;
            });
            level.forEach(id -> found.add(SubjectId.of(id)));
        }
        return found;
    }

    /**
     * A page of the subjects that stand on their own (not merged into another) with ids after
     * {@code afterId} (from the first when empty), in id order.
     */
    public List<Subject> page(Optional<String> afterId, int size) {
        return tx.read(em -> {
            TypedQuery<SubjectJpaEntity> query = afterId.isEmpty()
                    ? em.createQuery("SELECT s FROM SubjectJpaEntity s WHERE s.mergedInto IS NULL ORDER BY s.id", SubjectJpaEntity.class)
                    : em.createQuery("SELECT s FROM SubjectJpaEntity s WHERE s.mergedInto IS NULL AND s.id > :after ORDER BY s.id",
                            SubjectJpaEntity.class)
                            .setParameter("after", afterId.get());
            return query.setMaxResults(size).getResultList().stream().map(SubjectMapper::toSubject).toList();
        });
    }

    /** A page of identifier links with hashes after {@code afterHash} (from the first when empty), in hash order. */
    public List<Link> linkPage(Optional<String> afterHash, int size) {
        return tx.read(em -> {
            TypedQuery<SubjectIdentifierJpaEntity> query = afterHash.isEmpty()
                    ? em.createQuery("SELECT i FROM SubjectIdentifierJpaEntity i ORDER BY i.hash", SubjectIdentifierJpaEntity.class)
                    : em.createQuery("SELECT i FROM SubjectIdentifierJpaEntity i WHERE i.hash > :after ORDER BY i.hash",
                            SubjectIdentifierJpaEntity.class).setParameter("after", afterHash.get());
            return query.setMaxResults(size).getResultList().stream()
                    .map(row -> new Link(new IdentifierHash(row.hash), SubjectId.of(row.subjectId))).toList();
        });
    }

    /** Those of {@code ids} that are stored and not merged into another subject, in no order. */
    public List<Subject> ownOf(Collection<SubjectId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> values = ids.stream().map(SubjectId::value).distinct().toList();
        return tx.read(em -> em.createQuery("SELECT s FROM SubjectJpaEntity s WHERE s.mergedInto IS NULL AND s.id IN :ids",
                        SubjectJpaEntity.class)
                .setParameter("ids", values)
                .getResultList().stream().map(SubjectMapper::toSubject).toList());
    }

    /** The identifier links of {@code ids}, in no order. */
    public List<Link> linksOf(Collection<SubjectId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> values = ids.stream().map(SubjectId::value).distinct().toList();
        return tx.read(em -> em.createQuery("SELECT i FROM SubjectIdentifierJpaEntity i WHERE i.subjectId IN :ids",
                        SubjectIdentifierJpaEntity.class)
                .setParameter("ids", values)
                .getResultList().stream()
                .map(row -> new Link(new IdentifierHash(row.hash), SubjectId.of(row.subjectId))).toList());
    }

    /** An identifier hash and the subject it leads to. */
    public record Link(IdentifierHash hash, SubjectId subject) {
    }
}
