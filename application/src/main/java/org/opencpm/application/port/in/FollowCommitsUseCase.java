package org.opencpm.application.port.in;

/**
 * Keep this node's decision index up with what every node sharing the database commits: several
 * nodes behind one load balancer answer decisions alike within a bounded lag (ADR 0016).
 */
public interface FollowCommitsUseCase {

    /**
     * Where the change log ends now, from where {@link #follow} goes on. Called once, before the
     * index is warmed up: what commits during the warm-up is then applied again, never missed.
     *
     * @return the sequence number of the last committed change (0 when there is none)
     */
    long markStart();

    /**
     * Applies to the decision index every change committed since the last call, until the log had
     * no more when read. Fails (the database is unreachable…) without losing its place: the next
     * call goes on from the last change applied.
     */
    Followed follow();

    /**
     * What one {@link #follow} did.
     *
     * @param changes        changes read
     * @param through        the sequence number of the last change applied (that of the start when none was)
     * @param apiKeysChanged whether an API key was created or revoked among them: a node caching key
     *                       verifications drops its cache
     */
    record Followed(int changes, long through, boolean apiKeysChanged) {
    }
}
