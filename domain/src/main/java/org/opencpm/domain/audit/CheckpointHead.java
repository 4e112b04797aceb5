package org.opencpm.domain.audit;

import java.util.regex.Pattern;
import org.opencpm.domain.Checks;

/**
 * The head of one chain as a checkpoint vouches for it: the chain's name, the sequence number of
 * its last event and that event's hash. Today there is one chain, {@link #MAIN}; a checkpoint
 * lists every head so that a chain later split into partitions (by subject) is signed the same
 * way and checked by the same verifier.
 */
public record CheckpointHead(String chain, long seq, String hash) {

    /** The one chain every event belongs to today. */
    public static final String MAIN = "main";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public CheckpointHead {
        Checks.requiredText(chain, "chain");
        if (!NAME.matcher(chain).matches()) {
            throw new IllegalArgumentException("a chain name is lower-case letters, digits, - and _: " + chain);
        }
        if (seq < 1) {
            throw new IllegalArgumentException("a checkpointed head has an event: seq " + seq);
        }
        if (hash == null || !HEX.matcher(hash).matches()) {
            throw new IllegalArgumentException("a head hash is 64 lower-case hex digits");
        }
    }

    public static CheckpointHead main(AuditHead head) {
        return new CheckpointHead(MAIN, head.seq(), head.hash());
    }
}
