package org.opencpm.adapters.persistence;

import org.junit.jupiter.api.Nested;
import org.opencpm.application.port.out.SubjectStateSource;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.testfixtures.contract.SubjectStoreContract;

/**
 * The subject store on a database: the port's contract for unlinking and merging ({@link
 * SubjectStoreContract}, which the in-memory store passes too), run as {@link OnThePorts}. Runs on
 * each database through a subclass ({@code H2SubjectStoreTest}, {@code PostgreSqlSubjectStoreTest},
 * {@code MariaDbSubjectStoreTest}).
 */
public abstract class JpaSubjectStoreContract extends OnDatabase {

    /** The port's contract, on this database. */
    @Nested
    class OnThePorts extends SubjectStoreContract {

        @Override
        protected SubjectStore store() {
            return persistence.subjects();
        }

        @Override
        protected SubjectStateSource states() {
            return persistence.subjectStates();
        }

        @Override
        protected void inTransaction(Runnable work) {
            persistence.transactions().inTransaction(() -> {
                work.run();
                return null;
            });
        }
    }
}
