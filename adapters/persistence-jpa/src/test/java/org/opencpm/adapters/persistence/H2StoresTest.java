package org.opencpm.adapters.persistence;

/** {@link StoresContract} on H2 (a file database, as in production). */
class H2StoresTest extends StoresContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
