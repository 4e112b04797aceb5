package org.opencpm.adapters.persistence;

import org.junit.jupiter.api.Nested;
import org.opencpm.application.port.out.ErasureStore;
import org.opencpm.application.port.out.SubjectKeyStore;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.testfixtures.contract.ErasureStoresContract;

/**
 * The stores of crypto-shredding on a database: the ports' contract ({@link ErasureStoresContract},
 * which the in-memory stores pass too), run as {@link OnThePorts}. Runs on each database through a
 * subclass ({@code H2ErasureStoresTest}, {@code PostgreSqlErasureStoresTest}, {@code MariaDbErasureStoresTest}).
 */
public abstract class JpaErasureStoresContract extends OnDatabase {

    /** The ports' contract, on this database. */
    @Nested
    class OnThePorts extends ErasureStoresContract {

        @Override
        protected SubjectKeyStore keys() {
            return persistence.subjectKeys();
        }

        @Override
        protected SubjectStore subjects() {
            return persistence.subjects();
        }

        @Override
        protected ErasureStore erasures() {
            return persistence.erasures();
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
