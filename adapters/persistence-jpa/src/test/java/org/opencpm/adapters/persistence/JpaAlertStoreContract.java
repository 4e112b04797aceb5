package org.opencpm.adapters.persistence;

import org.junit.jupiter.api.Nested;
import org.opencpm.application.port.out.AlertStore;
import org.opencpm.testfixtures.contract.AlertStoreContract;

/**
 * The alert store on a database: the port's contract ({@link AlertStoreContract}, which the
 * in-memory store passes too). Runs on each database through a subclass ({@code H2AlertStoreTest},
 * {@code PostgreSqlAlertStoreTest}, {@code MariaDbAlertStoreTest}).
 */
public abstract class JpaAlertStoreContract extends OnDatabase {

    /** The port's contract, on this database. */
    @Nested
    class OnThePorts extends AlertStoreContract {

        @Override
        protected AlertStore store() {
            return persistence.alerts();
        }
    }
}
