package org.opencpm.application.port.in;

import java.util.List;
import java.util.Optional;

/**
 * API keys with roles: created by an admin and shown once, stored only as keyed hashes, checked
 * on every call against the database (so a revocation holds on every node at once), listed without
 * their secrets, revoked; and the first admin key, made when the database is empty.
 */
public interface ManageApiKeysUseCase {

    /**
     * @throws org.opencpm.domain.InvalidValueException when {@code expiresAt} is not in the future
     */
    CreatedApiKey create(CreateApiKeyCommand command);

    /** Every key, revoked and expired ones too, oldest first; never a key or its hash. */
    List<ApiKeySummary> list();

    /**
     * Revokes a key: from now on it is refused, on every node. Revoking a revoked key changes nothing.
     *
     * @throws org.opencpm.application.ApiKeyNotFoundException when there is no such key
     * @throws org.opencpm.application.LastAdminKeyException   when it is the last active admin key
     */
    void revoke(String keyId, Actor actor);

    /**
     * Checks a presented key (the {@code Bearer} value of a request) from {@code clientAddress}.
     * Refusals are counted per address, and an address that failed too often lately is told to
     * wait ({@link Authentication.Throttled}) before its key is looked at — a valid key from that
     * address too, until the wait is over; other addresses are unaffected.
     */
    Authentication authenticate(String presentedKey, String clientAddress);

    /**
     * The principal a presented key belongs to; empty for an unknown, malformed, expired or revoked
     * key. For callers that know no client address: they all count as one address, {@code unknown}.
     */
    default Optional<ApiPrincipal> authenticate(String presentedKey) {
        return authenticate(presentedKey, "unknown") instanceof Authentication.Authenticated ok
                ? Optional.of(ok.principal()) : Optional.empty();
    }

    /**
     * Whether some active {@link Role#COLLECTOR collector} key is bound to {@code origin}: what a
     * browser's CORS preflight, which carries no key, is answered by (ADR 0023). The request that
     * follows is checked against its own key's origins.
     */
    boolean collectsFrom(WebOrigin origin);

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
     * Changes nothing when a key exists already, revoked ones included: a retired bootstrap key is
     * not made again by a restart with the same configuration.
     */
    Bootstrap bootstrap(Optional<String> configuredKey);
}
