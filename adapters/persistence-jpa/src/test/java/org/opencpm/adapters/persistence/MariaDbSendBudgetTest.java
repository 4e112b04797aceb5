package org.opencpm.adapters.persistence;

/** {@link JpaSendBudgetContract} on MariaDB. */
class MariaDbSendBudgetTest extends JpaSendBudgetContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
