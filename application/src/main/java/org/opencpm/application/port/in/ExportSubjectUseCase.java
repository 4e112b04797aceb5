package org.opencpm.application.port.in;

import org.opencpm.domain.subject.SubjectId;

/**
 * A person's copy of everything OpenCPM holds about them, in one machine-readable document: their
 * right of access and portability (PIPL Art. 45). The copy is streamed, so that a person with a
 * long history is never held in memory whole.
 */
public interface ExportSubjectUseCase {

    /**
     * Opens the export of {@code subject} for {@code actor}: the subject must be known, and the
     * export is recorded in their audit chain ({@code subject_exported}, the caller as actor)
     * before anything is read, since handing out a copy of their data is itself a processing of it
     * (PIPL Art. 45). Nothing is read from the stores until
     * {@link SubjectExport#writeTo}.
     *
     * @throws org.opencpm.application.SubjectNotFoundException when the subject is unknown
     */
    SubjectExport export(SubjectId subject, Actor actor);
}
