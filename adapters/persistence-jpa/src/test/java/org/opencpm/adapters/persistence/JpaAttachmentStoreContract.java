package org.opencpm.adapters.persistence;

import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.opencpm.application.port.out.AttachmentStore;
import org.opencpm.application.port.out.SubjectShredder;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.testfixtures.contract.AttachmentStoreContract;

/**
 * The store of evidence files on a database: the port's contract ({@link AttachmentStoreContract},
 * which the in-memory store passes too), run as {@link OnThePort}. Runs on each database through a
 * subclass ({@code H2AttachmentStoreTest}, {@code PostgreSqlAttachmentStoreTest}, {@code MariaDbAttachmentStoreTest}).
 */
public abstract class JpaAttachmentStoreContract extends OnDatabase {

    /** The port's contract, on this database. */
    @Nested
    class OnThePort extends AttachmentStoreContract {

        @Override
        protected AttachmentStore attachments() {
            return persistence.attachments();
        }

        @Override
        protected SubjectStore subjects() {
            return persistence.subjects();
        }

        @Override
        protected SubjectShredder shredder() {
            return persistence.shredder();
        }

        @Override
        protected <T> T inTransaction(Supplier<T> work) {
            return persistence.transactions().inTransaction(work);
        }
    }
}
