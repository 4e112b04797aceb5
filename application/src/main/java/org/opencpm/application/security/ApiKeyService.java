package org.opencpm.application.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.opencpm.application.Ports;
import org.opencpm.application.Retrying;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.ApiPrincipal;
import org.opencpm.application.port.in.CreateApiKeyCommand;
import org.opencpm.application.port.in.CreatedApiKey;
import org.opencpm.application.port.in.ManageApiKeysUseCase;
import org.opencpm.application.port.in.Role;
import org.opencpm.application.port.out.StoredApiKey;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.audit.AuditDraft;
import org.opencpm.domain.audit.AuditEventType;

/**
 * API keys: {@code opk_} and 43 characters of a random 256-bit value, stored as SHA-256 (a key
 * with that much entropy needs no slow hash). Keys that passed once are remembered in memory so
 * that checking a key on every call does not cost a database read.
 */
public final class ApiKeyService implements ManageApiKeysUseCase {

    /** The shortest key accepted from configuration for the bootstrap admin. */
    public static final int MIN_CONFIGURED_KEY_LENGTH = 24;

    private final Ports ports;
    private final Retrying retrying;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ApiPrincipal> known = new ConcurrentHashMap<>();

    public ApiKeyService(Ports ports) {
        this.ports = ports;
        this.retrying = new Retrying(ports.transactions());
    }

    @Override
    public CreatedApiKey create(CreateApiKeyCommand command) {
        String key = "opk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        return retrying.inTransaction(() -> store(command.name(), key, command.roles(), command.actor()));
    }

    @Override
    public Optional<ApiPrincipal> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank() || presentedKey.length() > 256) {
            return Optional.empty();
        }
        String hash = sha256(presentedKey);
        ApiPrincipal cached = known.get(hash);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<ApiPrincipal> found = ports.apiKeys().findByHash(hash)
                .map(stored -> new ApiPrincipal(stored.id(), stored.name(), stored.roles()));
        found.ifPresent(principal -> known.put(hash, principal));
        return found;
    }

    @Override
    public Bootstrap bootstrap(Optional<String> configuredKey) {
        configuredKey.ifPresent(key -> {
            if (key.length() < MIN_CONFIGURED_KEY_LENGTH || key.chars().anyMatch(Character::isWhitespace)) {
                throw new InvalidValueException("opencpm.security.bootstrap-admin-key",
                        "must be at least " + MIN_CONFIGURED_KEY_LENGTH + " characters without spaces");
            }
        });
        return retrying.inTransaction(() -> {
            if (ports.apiKeys().count() > 0) {
                return new Bootstrap(false, Optional.empty());
            }
            String key = configuredKey.orElseGet(
                    () -> "opk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32)));
            store("bootstrap-admin", key, Set.of(Role.ADMIN), Actor.SYSTEM);
            return new Bootstrap(true, configuredKey.isPresent() ? Optional.empty() : Optional.of(key));
        });
    }

    private CreatedApiKey store(String name, String key, Set<Role> roles, Actor actor) {
        Instant now = ports.clock().now();
        String id = "key_" + HexFormat.of().formatHex(randomBytes(8));
        ports.apiKeys().save(new StoredApiKey(id, name, sha256(key), roles, now));
        String roleCodes = roles.stream().map(Role::code).sorted().collect(Collectors.joining(","));
        ports.audit().append(AuditDraft.of(AuditEventType.API_KEY_CREATED, null, null, null, now, now, actor.id(), null, null,
                null, Map.of("keyId", id, "name", name, "roles", roleCodes)));
        return new CreatedApiKey(id, name, key, roles, now);
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
