package org.opencpm.adapters.persistence;

/** {@link JpaErasureStoresContract} on MariaDb. */
class MariaDbErasureStoresTest extends JpaErasureStoresContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
