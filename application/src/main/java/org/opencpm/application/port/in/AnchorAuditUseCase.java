package org.opencpm.application.port.in;

import java.util.List;
import org.opencpm.domain.audit.Checkpoint;
import org.opencpm.domain.audit.CheckpointKey;

/** Sign the audit chain's head now, and list what an offline verifier needs. */
public interface AnchorAuditUseCase {

    /** Signs the current head(s); empty chain: nothing to sign, so the latest checkpoint or none. */
    java.util.Optional<Checkpoint> checkpoint();

    List<Checkpoint> checkpoints();

    List<CheckpointKey> publicKeys();
}
