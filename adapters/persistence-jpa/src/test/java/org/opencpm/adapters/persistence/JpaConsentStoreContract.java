package org.opencpm.adapters.persistence;

import org.junit.jupiter.api.Nested;
import org.opencpm.application.port.out.ConsentStore;
import org.opencpm.testfixtures.contract.ConsentStoreContract;

/**
 * The consent store on a database: the port's contract ({@link ConsentStoreContract},
 * which the in-memory store passes too), run as {@link OnThePorts}. Runs on each database through
 * a subclass ({@code H2ConsentStoreTest}, {@code PostgreSqlConsentStoreTest},
 * {@code MariaDbConsentStoreTest}).
 */
public abstract class JpaConsentStoreContract extends OnDatabase {

    /** The port's contract, on this database. */
    @Nested
    class OnThePorts extends ConsentStoreContract {

        @Override
        protected ConsentStore store() {
            return persistence.consents();
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
