package org.opencpm.testfixtures;

import java.util.function.Supplier;
import org.opencpm.application.port.out.AttachmentStore;
import org.opencpm.application.port.out.SubjectShredder;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.testfixtures.contract.AttachmentStoreContract;

/** The in-memory store of evidence files, the one the core's tests run on, held to the database store's contract. */
class InMemoryAttachmentStoreTest extends AttachmentStoreContract {

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm();

    @Override
    protected AttachmentStore attachments() {
        return cpm.attachmentStore;
    }

    @Override
    protected SubjectStore subjects() {
        return cpm.subjectStore;
    }

    @Override
    protected SubjectShredder shredder() {
        return cpm.shredder;
    }

    @Override
    protected <T> T inTransaction(Supplier<T> work) {
        return cpm.transactions.inTransaction(work);
    }
}
