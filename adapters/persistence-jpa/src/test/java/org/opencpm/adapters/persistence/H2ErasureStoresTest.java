package org.opencpm.adapters.persistence;

/** {@link JpaErasureStoresContract} on H2. */
class H2ErasureStoresTest extends JpaErasureStoresContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
