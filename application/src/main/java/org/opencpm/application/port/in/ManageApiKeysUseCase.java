package org.opencpm.application.port.in;

import java.util.Optional;

/**
 * API keys with roles: created by an admin and shown once, stored only as hashes, checked on
 * every call; and the first admin key, made when the database is empty.
 */
public interface ManageApiKeysUseCase {

    CreatedApiKey create(CreateApiKeyCommand command);

    /** The principal a presented key belongs to; empty for an unknown or malformed key. */
    Optional<ApiPrincipal> authenticate(String presentedKey);

    /** What {@link #bootstrap} did. */
    record Bootstrap(boolean created, Optional<String> generatedKey) {
        @Override
        public String toString() {
            return "Bootstrap[created=" + created + ", generated=" + generatedKey.isPresent() + "]";
        }
    }

    /**
     * On an empty database, makes the first admin key: {@code configuredKey} when given,
     * otherwise a random one that is returned so that it can be handed to the operator.
     * Changes nothing when a key exists already.
     */
    Bootstrap bootstrap(Optional<String> configuredKey);
}
