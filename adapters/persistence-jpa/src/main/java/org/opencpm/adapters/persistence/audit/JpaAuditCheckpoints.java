package org.opencpm.adapters.persistence.audit;

import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.application.port.out.AuditCheckpoints;
import org.opencpm.domain.audit.Checkpoint;
import org.opencpm.domain.audit.CheckpointHead;
import org.opencpm.domain.audit.CheckpointKey;

/**
 * Checkpoints in {@code audit_checkpoint} and their keys in {@code audit_checkpoint_key} (V13),
 * with plain native statements: a few rows an hour, read whole by verification. Each write is a
 * transaction of its own, outside any use case's.
 */
public final class JpaAuditCheckpoints implements AuditCheckpoints {

    private final JpaTransactions tx;

    public JpaAuditCheckpoints(JpaTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void add(Checkpoint c) {
        tx.inOwnTransaction(em -> em.createNativeQuery(
                        "INSERT INTO audit_checkpoint (number, heads, signed_at, key_id, signature) VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, c.number())
                .setParameter(2, heads(c.heads()))
                .setParameter(3, c.signedAt().toEpochMilli())
                .setParameter(4, c.keyId())
                .setParameter(5, c.signature())
                .executeUpdate());
    }

    @Override
    public List<Checkpoint> all() {
        return select("SELECT number, heads, signed_at, key_id, signature FROM audit_checkpoint ORDER BY number", Integer.MAX_VALUE);
    }

    @Override
    public Optional<Checkpoint> latest() {
        return select("SELECT number, heads, signed_at, key_id, signature FROM audit_checkpoint ORDER BY number DESC", 1)
                .stream().findFirst();
    }

    @Override
    public Optional<Checkpoint> find(long number) {
        return select("SELECT number, heads, signed_at, key_id, signature FROM audit_checkpoint WHERE number = ?1", 1, number)
                .stream().findFirst();
    }

    private List<Checkpoint> select(String sql, int max, Object... parameters) {
        return tx.read(em -> {
            List<Checkpoint> out = new ArrayList<>();
            Query query = em.createNativeQuery(sql).setMaxResults(max);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            for (Object row : query.getResultList()) {
                Object[] r = (Object[]) row;
                out.add(new Checkpoint(((Number) r[0]).longValue(), heads(String.valueOf(r[1])),
                        Instant.ofEpochMilli(((Number) r[2]).longValue()), (String) r[3], (String) r[4]));
            }
            return out;
        });
    }

    @Override
    public void addKey(CheckpointKey key) {
        if (keys().stream().anyMatch(k -> k.keyId().equals(key.keyId()))) {
            return;
        }
        tx.inOwnTransaction(em -> em.createNativeQuery(
                        "INSERT INTO audit_checkpoint_key (key_id, algorithm, public_key_pem, valid_from) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, key.keyId())
                .setParameter(2, key.algorithm())
                .setParameter(3, key.publicKeyPem())
                .setParameter(4, key.validFrom().toEpochMilli())
                .executeUpdate());
    }

    @Override
    public List<CheckpointKey> keys() {
        return tx.read(em -> {
            List<CheckpointKey> out = new ArrayList<>();
            for (Object row : em.createNativeQuery(
                    "SELECT key_id, algorithm, public_key_pem, valid_from FROM audit_checkpoint_key ORDER BY valid_from, key_id")
                    .getResultList()) {
                Object[] r = (Object[]) row;
                out.add(new CheckpointKey((String) r[0], (String) r[1], String.valueOf(r[2]),
                        Instant.ofEpochMilli(((Number) r[3]).longValue())));
            }
            return out;
        });
    }

    private static String heads(List<CheckpointHead> heads) {
        return heads.stream().map(h -> h.chain() + ":" + h.seq() + ":" + h.hash()).collect(Collectors.joining(";"));
    }

    private static List<CheckpointHead> heads(String text) {
        List<CheckpointHead> heads = new ArrayList<>();
        for (String part : text.split(";")) {
            String[] f = part.split(":");
            heads.add(new CheckpointHead(f[0], Long.parseLong(f[1]), f[2]));
        }
        return heads;
    }
}
