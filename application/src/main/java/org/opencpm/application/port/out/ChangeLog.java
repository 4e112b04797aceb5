package org.opencpm.application.port.out;

import java.util.List;

/**
 * What other nodes sharing the database committed, in commit order: the audit chain read as a
 * change feed. Every change a decision depends on (consents, preferences, identifier links and
 * unlinks, merges, erasures, purposes, notices) appends an audit event in its own transaction, and
 * appends take the one chain head in turn until their transactions end, so sequence numbers become
 * visible in the order they were given, with no gap a later commit could fill: reading past the
 * last number seen misses nothing (ADR 0016).
 */
public interface ChangeLog {

    /**
     * The committed changes numbered above {@code seq}, oldest first, at most {@code limit}; fewer
     * than {@code limit} means there was no more when the read was made.
     */
    List<CommittedChange> after(long seq, int limit);
}
