package org.opencpm.adapters.persistence;

/** {@link BatchUseCasesContract} on H2. */
class H2BatchUseCasesTest extends BatchUseCasesContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
