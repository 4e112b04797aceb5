package org.opencpm.application.port.in;

import java.util.Set;
import java.util.function.Consumer;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * Everyone whose consent to a purpose is in force now: what a connector's scheduled
 * reconciliation replaces a platform's audience with. Read from this node's decision index,
 * streamed: as exact as this node's decisions (docs/adr/0008).
 */
public interface WalkConsentersUseCase {

    /**
     * The purposes a walk of {@code asked} covers: {@code asked} itself, or every defined purpose
     * when it is empty.
     *
     * @throws org.opencpm.application.UnknownPurposeException for a code no purpose has (a typo in
     *         a connector's configuration must fail its reconciliation, not empty its audience)
     */
    Set<PurposeCode> purposes(Set<PurposeCode> asked);

    /**
     * Calls {@code consenter} once for each subject a decision for at least one of {@code purposes}
     * (no channel, no topic, no recipient) allows now, in no order, with constant memory. A purpose
     * on a lawful basis other than consent allows every subject the index knows.
     *
     * @return how many subjects were given
     * @throws org.opencpm.application.UnknownPurposeException as {@link #purposes}, before any is given
     */
    long forEachConsenter(Set<PurposeCode> purposes, Consumer<SubjectId> consenter);
}
