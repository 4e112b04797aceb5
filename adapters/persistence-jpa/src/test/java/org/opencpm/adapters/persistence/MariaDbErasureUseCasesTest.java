package org.opencpm.adapters.persistence;

/** {@link ErasureUseCasesContract} on MariaDb. */
class MariaDbErasureUseCasesTest extends ErasureUseCasesContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
