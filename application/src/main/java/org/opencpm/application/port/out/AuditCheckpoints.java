package org.opencpm.application.port.out;

import java.util.List;
import java.util.Optional;
import org.opencpm.domain.audit.Checkpoint;
import org.opencpm.domain.audit.CheckpointKey;

/** The signed checkpoints of the audit chain and the public keys that signed them; both append-only. */
public interface AuditCheckpoints {

    /**
     * Stores {@code checkpoint}, numbered one after the latest.
     *
     * @throws ConcurrencyConflictException when another checkpoint took that number first; nothing was stored
     */
    void add(Checkpoint checkpoint);

    /** Every checkpoint, by number. */
    List<Checkpoint> all();

    Optional<Checkpoint> latest();

    /** The checkpoint numbered {@code number}, if taken. */
    Optional<Checkpoint> find(long number);

    /** Records a key that came into use; a key already recorded is left as it was. */
    void addKey(CheckpointKey key);

    /** Every key recorded, oldest first. */
    List<CheckpointKey> keys();
}
