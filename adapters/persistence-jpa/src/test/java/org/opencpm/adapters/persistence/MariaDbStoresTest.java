package org.opencpm.adapters.persistence;

/** {@link StoresContract} on MariaDB. */
class MariaDbStoresTest extends StoresContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
