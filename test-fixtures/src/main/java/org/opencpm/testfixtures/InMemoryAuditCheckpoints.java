package org.opencpm.testfixtures;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opencpm.application.port.out.AuditCheckpoints;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.domain.audit.Checkpoint;
import org.opencpm.domain.audit.CheckpointKey;

/** Checkpoints and their keys in memory, held to {@code AuditCheckpointsContract}. */
public final class InMemoryAuditCheckpoints implements AuditCheckpoints {

    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private final List<CheckpointKey> keys = new ArrayList<>();

    @Override
    public synchronized void add(Checkpoint checkpoint) {
        if (checkpoints.stream().anyMatch(c -> c.number() == checkpoint.number())) {
            throw new ConcurrencyConflictException("checkpoint " + checkpoint.number() + " was taken first", null);
        }
        checkpoints.add(checkpoint);
        checkpoints.sort((a, b) -> Long.compare(a.number(), b.number()));
    }

    @Override
    public synchronized List<Checkpoint> all() {
        return List.copyOf(checkpoints);
    }

    @Override
    public synchronized Optional<Checkpoint> latest() {
        return checkpoints.isEmpty() ? Optional.empty() : Optional.of(checkpoints.get(checkpoints.size() - 1));
    }

    @Override
    public synchronized Optional<Checkpoint> find(long number) {
        return checkpoints.stream().filter(c -> c.number() == number).findFirst();
    }

    @Override
    public synchronized void addKey(CheckpointKey key) {
        if (keys.stream().noneMatch(k -> k.keyId().equals(key.keyId()))) {
            keys.add(key);
        }
    }

    @Override
    public synchronized List<CheckpointKey> keys() {
        return List.copyOf(keys);
    }
}
