package org.opencpm.application.port.in;

/**
 * Erases a person (PIPL Art. 47): every consent withdrawn, every connector sent the erasure, and
 * once they have it (or after a bounded wait) the person's identifiers, evidence and preferences
 * made unrecoverable — their key destroyed, so that what the audit chain sealed under it can no
 * longer be read while every hash still verifies. A tombstone event says what was erased, when
 * and why.
 */
public interface EraseSubjectUseCase {

    /**
     * Starts the erasure, or reports where it stands when it was started before.
     *
     * @return {@link ErasureStatus#ERASED} when nothing had to wait for a connector
     * @throws org.opencpm.application.SubjectNotFoundException when nobody has the subject id
     */
    ErasureStatus erase(EraseSubjectCommand command);

    /**
     * Finishes the erasures whose connectors have all been delivered the erasure, or that have
     * waited longer than the bounded wait: for a scheduled job.
     *
     * @return how many subjects were erased
     */
    int finishDue();
}
