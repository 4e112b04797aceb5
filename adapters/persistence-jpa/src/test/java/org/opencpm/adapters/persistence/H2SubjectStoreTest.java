package org.opencpm.adapters.persistence;

/** {@link JpaSubjectStoreContract} on H2. */
class H2SubjectStoreTest extends JpaSubjectStoreContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
