package org.opencpm.adapters.persistence;

/** {@link UseCasesContract} on H2 (a file database, as in production). */
class H2UseCasesTest extends UseCasesContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
