package org.opencpm.adapters.persistence;

/** {@link JpaAlertStoreContract} on H2. */
class H2AlertStoreTest extends JpaAlertStoreContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
