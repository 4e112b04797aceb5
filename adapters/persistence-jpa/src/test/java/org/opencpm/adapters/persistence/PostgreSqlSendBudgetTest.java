package org.opencpm.adapters.persistence;

/** {@link JpaSendBudgetContract} on PostgreSQL. */
class PostgreSqlSendBudgetTest extends JpaSendBudgetContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
