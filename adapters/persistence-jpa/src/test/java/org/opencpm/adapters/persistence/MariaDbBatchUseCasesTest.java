package org.opencpm.adapters.persistence;

/** {@link BatchUseCasesContract} on MariaDb. */
class MariaDbBatchUseCasesTest extends BatchUseCasesContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
