package org.opencpm.adapters.persistence;

import org.junit.jupiter.api.Nested;
import org.opencpm.application.port.out.RightsRequestStore;
import org.opencpm.testfixtures.contract.RightsRequestStoreContract;

/**
 * The rights request store on a database: the port's contract ({@link RightsRequestStoreContract},
 * which the in-memory store passes too), run as {@link OnThePorts}. Runs on each database through
 * a subclass ({@code H2RightsRequestStoreTest}, {@code PostgreSqlRightsRequestStoreTest},
 * {@code MariaDbRightsRequestStoreTest}).
 */
public abstract class JpaRightsRequestStoreContract extends OnDatabase {

    /** The port's contract, on this database. */
    @Nested
    class OnThePorts extends RightsRequestStoreContract {

        @Override
        protected RightsRequestStore store() {
            return persistence.rightsRequests();
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
