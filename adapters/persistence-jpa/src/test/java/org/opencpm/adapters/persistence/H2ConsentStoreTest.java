package org.opencpm.adapters.persistence;

/** {@link JpaConsentStoreContract} on H2. */
class H2ConsentStoreTest extends JpaConsentStoreContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
