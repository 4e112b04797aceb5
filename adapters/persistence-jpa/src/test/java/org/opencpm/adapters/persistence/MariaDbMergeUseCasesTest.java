package org.opencpm.adapters.persistence;

/** {@link MergeUseCasesContract} on MariaDB. */
class MariaDbMergeUseCasesTest extends MergeUseCasesContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
