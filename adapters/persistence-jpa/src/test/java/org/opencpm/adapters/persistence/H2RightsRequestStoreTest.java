package org.opencpm.adapters.persistence;

/** {@link JpaRightsRequestStoreContract} on H2. */
class H2RightsRequestStoreTest extends JpaRightsRequestStoreContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
