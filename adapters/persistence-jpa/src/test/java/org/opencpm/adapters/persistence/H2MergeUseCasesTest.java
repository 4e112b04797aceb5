package org.opencpm.adapters.persistence;

/** {@link MergeUseCasesContract} on H2. */
class H2MergeUseCasesTest extends MergeUseCasesContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
