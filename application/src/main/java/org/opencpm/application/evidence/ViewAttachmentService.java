package org.opencpm.application.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opencpm.application.AttachmentNotFoundException;
import org.opencpm.application.Ports;
import org.opencpm.application.SubjectErasedException;
import org.opencpm.application.port.in.AttachmentFile;
import org.opencpm.application.port.in.ViewAttachmentUseCase;
import org.opencpm.application.port.out.AttachmentStore;
import org.opencpm.application.port.out.ErasureStore;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.application.subject.ErasedSubjects;
import org.opencpm.application.subject.MergedSubjects;
import org.opencpm.domain.consent.AttachmentHash;
import org.opencpm.domain.subject.SubjectId;

/**
 * Opens a person's evidence file for an auditor. The person's own files and those of the records
 * merged into them (PIPL Art. 46) are theirs, as their history is; an erased person's are gone (410).
 */
public final class ViewAttachmentService implements ViewAttachmentUseCase {

    private final SubjectStore subjects;
    private final ErasureStore erasures;
    private final SealedAttachments attachments;

    public ViewAttachmentService(Ports ports, AttachmentStore attachments) {
        this.subjects = ports.subjects();
        this.erasures = ports.erasures();
        this.attachments = new SealedAttachments(attachments, ports.personalData());
    }

    @Override
    public AttachmentFile attachment(SubjectId subject, AttachmentHash hash) {
        if (subjects.find(subject).isEmpty()) {
            throw ErasedSubjects.missing(erasures, subject);
        }
        MergedSubjects.requireOwn(subjects, subject);
        List<SubjectId> records = new ArrayList<>();
        records.add(subject);
        records.addAll(subjects.absorbedBy(subject));
        for (SubjectId record : records) {
            Optional<SealedAttachments.Opened> opened = attachments.open(record, hash);
            if (opened.isPresent()) {
                return switch (opened.get()) {
                    case SealedAttachments.Readable file -> new AttachmentFile(hash, file.kept().mediaType(), file.content());
                    case SealedAttachments.Erased erased -> throw new SubjectErasedException(record);
                };
            }
        }
        throw new AttachmentNotFoundException(hash);
    }
}
