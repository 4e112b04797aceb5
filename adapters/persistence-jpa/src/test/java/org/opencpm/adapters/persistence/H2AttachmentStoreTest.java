package org.opencpm.adapters.persistence;

/** {@link JpaAttachmentStoreContract} on H2. */
class H2AttachmentStoreTest extends JpaAttachmentStoreContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
