package org.opencpm.adapters.persistence;

/** {@link UseCasesContract} on MariaDB. */
class MariaDbUseCasesTest extends UseCasesContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
