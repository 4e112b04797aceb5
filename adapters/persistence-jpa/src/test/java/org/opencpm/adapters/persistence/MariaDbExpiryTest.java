package org.opencpm.adapters.persistence;

/** {@link ExpiryUseCaseContract} on MariaDB. */
class MariaDbExpiryTest extends ExpiryUseCaseContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
