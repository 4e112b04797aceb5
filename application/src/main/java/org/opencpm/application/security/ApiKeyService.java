package org.opencpm.application.security;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.opencpm.application.ApiKeyNotFoundException;
import org.opencpm.application.LastAdminKeyException;
import org.opencpm.application.Ports;
import org.opencpm.application.Retrying;
import org.opencpm.application.audit.OperatorAuditRecords;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.ApiKeySummary;
import org.opencpm.application.port.in.ApiPrincipal;
import org.opencpm.application.port.in.Authentication;
import org.opencpm.application.port.in.CreateApiKeyCommand;
import org.opencpm.application.port.in.CreatedApiKey;
import org.opencpm.application.port.in.ManageApiKeysUseCase;
import org.opencpm.application.port.in.Role;
import org.opencpm.application.port.in.WebOrigin;
import org.opencpm.application.port.out.ApiKeyStore;
import org.opencpm.application.port.out.AuditTrail;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.port.out.IdentityVault;
import org.opencpm.application.port.out.StoredApiKey;
import org.opencpm.domain.InvalidValueException;

/**
 * API keys: {@code opk_} and 43 characters of a random 256-bit value, stored as an HMAC-SHA-256
 * under a server key (the identity vault's, derived for this use), so that the key table alone
 * does not let anyone test guesses; with that much entropy no slow hash is needed.
 *
 * <p>A check reads the key's row, or takes the row this node read for the same key no longer
 * than {@link #DEFAULT_KEY_CACHE} ago ({@link VerifiedKeys}; configurable, zero reads every time):
 * a key revoked or expired is refused by the node that revoked it from the next request on, and by
 * every other node sharing the database within that time (ADR 0019) — except from a client address
 * that failed too often lately, which is told to wait before its key is even hashed
 * ({@link FailedAuthentications}). Expiry is checked on every request. When a key was last
 * used is written at most once per {@link #LAST_USED_PRECISION} per key and node, not on every
 * request.
 *
 * <p>Keys made before schema version 7 are stored as plain SHA-256: they still pass, and their
 * first successful use replaces the hash by the keyed one.
 */
public final class ApiKeyService implements ManageApiKeysUseCase {

    /** The shortest key accepted from configuration for the bootstrap admin. */
    public static final int MIN_CONFIGURED_KEY_LENGTH = 24;
    /** How stale a key's {@code lastUsedAt} may be: it is written at most this often per key and node. */
    public static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);
    /** How long a node answers from a key row it read: how late a revocation made on another node may arrive. */
    public static final Duration DEFAULT_KEY_CACHE = Duration.ofSeconds(1);
    /** The least time the collector keys' origins are kept: a preflight flood reads the key table once a second at most. */
    static final Duration MIN_ORIGINS_KEPT = Duration.ofSeconds(1);
    /** Longer presented keys are refused unread. */
    static final int MAX_KEY_LENGTH = 256;

    private static final Logger LOG = Logger.getLogger(ApiKeyService.class.getName());

    private final AuditTrail audit;
    private final ApiKeyStore apiKeys;
    private final IdentityVault vault;
    private final Clock clock;
    private final Retrying retrying;
    private final FailedAuthentications failures;
    private final VerifiedKeys verified;
    /** How long the collector keys' origins read answer preflights (ADR 0023). */
    private final Duration originsKeptFor;
    /** The collector keys' origins this node read last; null: read them again. */
    private volatile OriginsRead collectorOrigins;
    private final SecureRandom random = new SecureRandom();
    /** When this node last wrote each key's use. */
    private final Map<String, Instant> useWritten = new ConcurrentHashMap<>();

    public ApiKeyService(Ports ports) {
        this(ports, FailedAuthentications.Settings.DEFAULT);
    }

    public ApiKeyService(Ports ports, FailedAuthentications.Settings throttling) {
        this(ports, throttling, DEFAULT_KEY_CACHE);
    }

    /** @param keyCache how long a key row read from the database answers this node's checks (zero: not at all) */
    public ApiKeyService(Ports ports, FailedAuthentications.Settings throttling, Duration keyCache) {
        this.audit = ports.audit();
        this.apiKeys = ports.apiKeys();
        this.vault = ports.vault();
        this.clock = ports.clock();
        this.retrying = new Retrying(ports.transactions());
        this.failures = new FailedAuthentications(throttling, clock);
        this.verified = new VerifiedKeys(keyCache);
        this.originsKeptFor = keyCache.compareTo(MIN_ORIGINS_KEPT) < 0 ? MIN_ORIGINS_KEPT : keyCache;
    }

    /** Forgets every key row this node remembers: for a node told that some key changed elsewhere. */
    public void keysChanged() {
        verified.forgetAll();
        collectorOrigins = null;
    }

    /**
     * Read from every key at most once per key cache period (as a key row is kept, ADR 0019), and
     * at most once a second even where keys are not kept: a preflight carries no key and no rate
     * limit applies to it, so it must not cost a read of the key table each time.
     */
    @Override
    public boolean collectsFrom(WebOrigin origin) {
        Instant now = clock.now();
        OriginsRead read = collectorOrigins;
        if (read == null || !now.isBefore(read.readAt().plus(originsKeptFor))) {
            Set<WebOrigin> origins = new HashSet<>();
            apiKeys.all().stream().filter(k -> k.roles().contains(Role.COLLECTOR) && k.activeAt(now))
                    .forEach(k -> origins.addAll(k.origins()));
            read = new OriginsRead(now, Set.copyOf(origins));
            collectorOrigins = read;
        }
        return read.origins().contains(origin);
    }

    /** The origins of the active collector keys, as read at {@code readAt}. */
    private record OriginsRead(Instant readAt, Set<WebOrigin> origins) {
    }

    /** The failed authentications: their count, and a hook for a metric. */
    public FailedAuthentications failures() {
        return failures;
    }

    @Override
    public CreatedApiKey create(CreateApiKeyCommand command) {
        Instant now = clock.now();
        command.expiresAt().filter(at -> !at.isAfter(now)).ifPresent(at -> {
            throw new InvalidValueException("expiresAt", "must be in the future");
        });
        String key = newKey();
        return retrying.inTransaction(() -> store(command.name(), key, command.roles(), command.expiresAt(), command.origins(),
                command.actor()));
    }

    @Override
    public List<ApiKeySummary> list() {
        return apiKeys.all().stream()
                .sorted(Comparator.comparing(StoredApiKey::createdAt).thenComparing(StoredApiKey::id))
                .map(k -> new ApiKeySummary(k.id(), k.name(), k.roles(), k.createdAt(), k.expiresAt(), k.lastUsedAt(),
                        k.revokedAt().isPresent(), k.origins()))
                .toList();
    }

    @Override
    public void revoke(String keyId, Actor actor) {
        retrying.inTransaction(() -> {
            Instant now = clock.now();
            StoredApiKey key = apiKeys.findById(keyId).orElseThrow(() -> new ApiKeyNotFoundException(keyId));
            // revoked now, or already on another node: either way this node forgets the row it may keep
            retrying.afterCommit(() -> {
                verified.forget(keyId);
                collectorOrigins = null;
            });
            if (key.revokedAt().isPresent()) {
                return null;
            }
            // Only an admin key that does not expire counts as the one left: one about to expire
            // would leave the installation locked out minutes later, with no way back in.
            if (isActiveAdmin(key, now) && apiKeys.all().stream()
                    .noneMatch(other -> !other.id().equals(keyId) && isActiveAdmin(other, now) && other.expiresAt().isEmpty())) {
                throw new LastAdminKeyException(keyId);
            }
            if (apiKeys.revoke(keyId, now)) {
                audit.append(OperatorAuditRecords.apiKeyRevoked(keyId, key.name(), actor, now));
            }
            return null;
        });
    }

    private static boolean isActiveAdmin(StoredApiKey key, Instant now) {
        return key.roles().contains(Role.ADMIN) && key.activeAt(now);
    }

    @Override
    public Authentication authenticate(String presentedKey, String clientAddress) {
        String address = clientAddress == null ? "unknown" : clientAddress;
        Optional<Duration> wait = failures.refuseWhileThrottled(address);
        if (wait.isPresent()) {
            return new Authentication.Throttled(wait.get()); // before the key is hashed or looked up: a guesser learns nothing
        }
        Instant now = clock.now();
        Optional<StoredApiKey> found = presentedKey == null || presentedKey.isBlank() || presentedKey.length() > MAX_KEY_LENGTH
                ? Optional.empty() : find(presentedKey, now);
        if (found.isEmpty() || !found.get().activeAt(now)) {
            return failures.failed(address).<Authentication>map(Authentication.Throttled::new).orElseGet(Authentication.Refused::new);
        }
        StoredApiKey key = found.get();
        upgradeHash(key, presentedKey);
        recordUse(key, now);
        return new Authentication.Authenticated(new ApiPrincipal(key.id(), key.name(), key.roles(), key.origins()));
    }

    /** The key's row by its keyed hash, or by its plain SHA-256 if it was made before keyed hashes. */
    private Optional<StoredApiKey> find(String presentedKey, Instant now) {
        String keyedHash = vault.apiKeyHash(presentedKey);
        Optional<StoredApiKey> remembered = verified.find(keyedHash, now);
        if (remembered.isPresent()) {
            return remembered;
        }
        long mark = verified.mark();
        Optional<StoredApiKey> keyed = apiKeys.findByHash(keyedHash)
                .filter(k -> StoredApiKey.HMAC_SHA256.equals(k.hashAlgorithm()));
        if (keyed.isPresent()) {
            verified.keep(keyed.get(), now, mark);
            return keyed;
        }
        return apiKeys.findByHash(Sha256.hex(presentedKey)).filter(k -> StoredApiKey.SHA256.equals(k.hashAlgorithm()));
    }

    private void upgradeHash(StoredApiKey key, String presentedKey) {
        if (StoredApiKey.SHA256.equals(key.hashAlgorithm())) {
            quietly("re-hash API key " + key.id(), () -> apiKeys.rehash(key.id(), key.keyHash(),
                    vault.apiKeyHash(presentedKey), StoredApiKey.HMAC_SHA256));
        }
    }

    /** Writes the use when the stored time is older than {@link #LAST_USED_PRECISION}, as this node knows it. */
    private void recordUse(StoredApiKey key, Instant now) {
        Instant known = useWritten.getOrDefault(key.id(), key.lastUsedAt().orElse(Instant.MIN));
        if (key.lastUsedAt().isPresent() && key.lastUsedAt().get().isAfter(known)) {
            known = key.lastUsedAt().get();
        }
        if (known.plus(LAST_USED_PRECISION).isAfter(now)) {
            return;
        }
        useWritten.put(key.id(), now);
        quietly("record the use of API key " + key.id(), () -> apiKeys.recordUse(key.id(), now));
    }

    /** Book-keeping that must not fail the request it happens in; a failure is logged and tried again next time. */
    private void quietly(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not " + what + ": " + e);
        }
    }

    @Override
    public Bootstrap bootstrap(Optional<String> configuredKey) {
        configuredKey.ifPresent(key -> {
            if (key.length() < MIN_CONFIGURED_KEY_LENGTH || key.length() > MAX_KEY_LENGTH
                    || key.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                throw new InvalidValueException("opencpm.security.bootstrap-admin-key",
                        "must be " + MIN_CONFIGURED_KEY_LENGTH + " to " + MAX_KEY_LENGTH + " characters without spaces");
            }
        });
        return retrying.inTransaction(() -> {
            if (apiKeys.count() > 0) {
                return new Bootstrap(false, Optional.empty());
            }
            String key = configuredKey.orElseGet(this::newKey);
            store("bootstrap-admin", key, Set.of(Role.ADMIN), Optional.empty(), Set.of(), Actor.SYSTEM);
            return new Bootstrap(true, configuredKey.isPresent() ? Optional.empty() : Optional.of(key));
        });
    }

    private CreatedApiKey store(String name, String key, Set<Role> roles, Optional<Instant> expiresAt, Set<WebOrigin> origins,
                                Actor actor) {
        Instant now = clock.now();
        String id = "key_" + HexFormat.of().formatHex(randomBytes(8));
        apiKeys.save(StoredApiKey.created(id, name, vault.apiKeyHash(key), roles, now, expiresAt, origins));
        retrying.afterCommit(() -> collectorOrigins = null);
        audit.append(OperatorAuditRecords.apiKeyCreated(id, name, roles, expiresAt, origins, actor, now));
        return new CreatedApiKey(id, name, key, roles, now, expiresAt, origins);
    }

    private String newKey() {
        return "opk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
