package org.opencpm.adapters.persistence;

import org.junit.jupiter.api.Nested;
import org.opencpm.application.port.out.ConsoleSessionStore;
import org.opencpm.testfixtures.contract.ConsoleSessionStoreContract;

/**
 * The console session store on a database: the port's contract ({@link ConsoleSessionStoreContract},
 * which the in-memory store passes too). Runs on each database through a subclass
 * ({@code H2ConsoleSessionStoreTest}, {@code PostgreSqlConsoleSessionStoreTest}, {@code MariaDbConsoleSessionStoreTest}).
 */
public abstract class JpaConsoleSessionStoreContract extends OnDatabase {

    /** The port's contract, on this database. */
    @Nested
    class OnThePorts extends ConsoleSessionStoreContract {

        @Override
        protected ConsoleSessionStore store() {
            return persistence.consoleSessions();
        }
    }
}
