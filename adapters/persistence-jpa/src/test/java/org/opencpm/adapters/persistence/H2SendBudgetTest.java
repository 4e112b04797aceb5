package org.opencpm.adapters.persistence;

/** {@link JpaSendBudgetContract} on H2 (a file database, as in production). */
class H2SendBudgetTest extends JpaSendBudgetContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
