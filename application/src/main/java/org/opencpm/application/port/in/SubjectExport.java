package org.opencpm.application.port.in;

import java.time.Instant;
import org.opencpm.domain.subject.SubjectId;

/**
 * One opened export ({@link ExportSubjectUseCase#export}): written once, section by section, into a
 * {@link SubjectExportSink}, reading the stores as it goes (a page of history at a time).
 */
public interface SubjectExport {

    /** The version of the export's shape, for whoever reads it by program. */
    String FORMAT = "opencpm-subject-export/1";

    SubjectId subject();

    /** When the export was made: the time of its audit event. */
    Instant exportedAt();

    /**
     * Reads what OpenCPM holds about the subject and hands it to {@code sink}, in the order of the
     * sink's methods. Each stream it passes is open only during that call.
     *
     * @throws RuntimeException whatever a store or the sink throws: the sink's document is then
     *                          incomplete, and whoever writes it must make that plain
     */
    void writeTo(SubjectExportSink sink);
}
