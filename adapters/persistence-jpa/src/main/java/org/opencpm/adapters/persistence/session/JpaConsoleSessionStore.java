package org.opencpm.adapters.persistence.session;

import java.time.Instant;
import java.util.Optional;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.application.port.out.ConsoleSessionStore;
import org.opencpm.application.port.out.StoredConsoleSession;

/**
 * Console sessions in {@code console_session}. Nothing is cached (the persistence unit has no
 * shared cache), so a sign-out on one node is seen by every other at once. Updates and deletes run
 * in a transaction of their own: they are book-keeping of the request, not part of its work.
 */
public final class JpaConsoleSessionStore implements ConsoleSessionStore {

    private final JpaTransactions tx;

    public JpaConsoleSessionStore(JpaTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void save(StoredConsoleSession session) {
        tx.inOwnTransaction(em -> {
            ConsoleSessionJpaEntity row = new ConsoleSessionJpaEntity();
            row.sessionHash = session.sessionHash();
            row.csrfHash = session.csrfHash();
            row.keyId = session.keyId();
            row.createdAt = session.createdAt().toEpochMilli();
            row.idleUntil = session.idleUntil().toEpochMilli();
            row.expiresAt = session.expiresAt().toEpochMilli();
            em.persist(row);
            return null;
        });
    }

    @Override
    public Optional<StoredConsoleSession> findByHash(String sessionHash) {
        // a row whose idle end is past its absolute end (none is written so; one edited by hand) ends
        // there, rather than failing every request that carries its cookie
        return tx.read(em -> Optional.ofNullable(em.find(ConsoleSessionJpaEntity.class, sessionHash)).map(row ->
                new StoredConsoleSession(row.sessionHash, row.csrfHash, row.keyId, Instant.ofEpochMilli(row.createdAt),
                        Instant.ofEpochMilli(Math.min(row.idleUntil, row.expiresAt)), Instant.ofEpochMilli(row.expiresAt))));
    }

    @Override
    public void touch(String sessionHash, Instant idleUntil) {
        tx.inOwnTransaction(em -> em.createQuery("UPDATE ConsoleSessionJpaEntity s SET s.idleUntil = :at WHERE s.sessionHash = :hash")
                .setParameter("at", idleUntil.toEpochMilli()).setParameter("hash", sessionHash).executeUpdate());
    }

    @Override
    public void delete(String sessionHash) {
        tx.inOwnTransaction(em -> em.createQuery("DELETE FROM ConsoleSessionJpaEntity s WHERE s.sessionHash = :hash")
                .setParameter("hash", sessionHash).executeUpdate());
    }

    @Override
    public int deleteForKey(String keyId) {
        return tx.inOwnTransaction(em -> em.createQuery("DELETE FROM ConsoleSessionJpaEntity s WHERE s.keyId = :key")
                .setParameter("key", keyId).executeUpdate());
    }

    /** By the idle end alone, which is never after the absolute end: one indexed range, not two. */
    @Override
    public int deleteEnded(Instant now) {
        return tx.inOwnTransaction(em -> em.createQuery("DELETE FROM ConsoleSessionJpaEntity s WHERE s.idleUntil <= :now")
                .setParameter("now", now.toEpochMilli()).executeUpdate());
    }
}
