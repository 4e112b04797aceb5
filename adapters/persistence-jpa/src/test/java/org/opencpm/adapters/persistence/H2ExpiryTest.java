package org.opencpm.adapters.persistence;

/** {@link ExpiryUseCaseContract} on H2. */
class H2ExpiryTest extends ExpiryUseCaseContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
