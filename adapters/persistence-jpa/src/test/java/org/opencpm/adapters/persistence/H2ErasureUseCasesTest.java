package org.opencpm.adapters.persistence;

/** {@link ErasureUseCasesContract} on H2. */
class H2ErasureUseCasesTest extends ErasureUseCasesContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
