package org.opencpm.testfixtures.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.out.ConsoleSessionStore;
import org.opencpm.application.port.out.StoredConsoleSession;

/**
 * What every {@link ConsoleSessionStore} must do: give a session back as written (times to the
 * millisecond), never keep two with one hash, move the idle end on (the caller keeps it at or
 * before the absolute end), forget one, all of a key's, and the ended ones — and nothing else. Run on the in-memory
 * store and on H2, PostgreSQL and MariaDB ({@code JpaConsoleSessionStoreContract}). The store may
 * be shared between tests: each uses its own hashes and key ids.
 */
public abstract class ConsoleSessionStoreContract {

    private static final Instant NOW = Instant.parse("2030-05-01T08:00:00.123Z");

    protected abstract ConsoleSessionStore store();

    private static String hash() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }

    private static StoredConsoleSession session(String keyId, Instant idleUntil, Instant expiresAt) {
        return new StoredConsoleSession(hash(), hash(), keyId, NOW, idleUntil, expiresAt);
    }

    @Test
    void a_session_reads_back_as_written() {
        StoredConsoleSession s = session(UUID.randomUUID().toString(), NOW.plus(Duration.ofMinutes(30)), NOW.plus(Duration.ofHours(12)));
        store().save(s);

        assertThat(store().findByHash(s.sessionHash())).contains(s);
        assertThat(store().findByHash(hash())).isEmpty();
    }

    @Test
    void two_sessions_never_share_a_hash() {
        StoredConsoleSession s = session(UUID.randomUUID().toString(), NOW.plusSeconds(60), NOW.plusSeconds(120));
        store().save(s);

        assertThatThrownBy(() -> store().save(new StoredConsoleSession(s.sessionHash(), hash(), "another-key", NOW,
                NOW.plusSeconds(60), NOW.plusSeconds(120)))).isInstanceOf(RuntimeException.class);
        assertThat(store().findByHash(s.sessionHash())).contains(s);
    }

    @Test
    void touch_moves_the_idle_end_on_up_to_the_absolute_end() {
        StoredConsoleSession s = session(UUID.randomUUID().toString(), NOW.plusSeconds(60), NOW.plusSeconds(600));
        store().save(s);

        store().touch(s.sessionHash(), NOW.plusSeconds(300));
        assertThat(store().findByHash(s.sessionHash()).orElseThrow().idleUntil()).isEqualTo(NOW.plusSeconds(300));
        store().touch(s.sessionHash(), NOW.plusSeconds(600));
        assertThat(store().findByHash(s.sessionHash()).orElseThrow()).isEqualTo(new StoredConsoleSession(s.sessionHash(),
                s.csrfHash(), s.keyId(), s.createdAt(), NOW.plusSeconds(600), NOW.plusSeconds(600)));
        store().touch(hash(), NOW.plusSeconds(300)); // a session that is gone: nothing
    }

    @Test
    void delete_forgets_one_session_only() {
        String key = UUID.randomUUID().toString();
        StoredConsoleSession one = session(key, NOW.plusSeconds(60), NOW.plusSeconds(600));
        StoredConsoleSession two = session(key, NOW.plusSeconds(60), NOW.plusSeconds(600));
        store().save(one);
        store().save(two);

        store().delete(one.sessionHash());
        store().delete(one.sessionHash());

        assertThat(store().findByHash(one.sessionHash())).isEmpty();
        assertThat(store().findByHash(two.sessionHash())).contains(two);
    }

    @Test
    void delete_for_key_forgets_that_keys_sessions_only() {
        String key = UUID.randomUUID().toString();
        StoredConsoleSession one = session(key, NOW.plusSeconds(60), NOW.plusSeconds(600));
        StoredConsoleSession two = session(key, NOW.plusSeconds(60), NOW.plusSeconds(600));
        StoredConsoleSession other = session(UUID.randomUUID().toString(), NOW.plusSeconds(60), NOW.plusSeconds(600));
        store().save(one);
        store().save(two);
        store().save(other);

        assertThat(store().deleteForKey(key)).isEqualTo(2);

        assertThat(store().findByHash(one.sessionHash())).isEmpty();
        assertThat(store().findByHash(two.sessionHash())).isEmpty();
        assertThat(store().findByHash(other.sessionHash())).contains(other);
    }

    @Test
    void delete_ended_forgets_idle_and_expired_sessions_and_keeps_live_ones() {
        Instant later = NOW.plus(Duration.ofDays(3650)); // after every session other tests wrote
        StoredConsoleSession idle = new StoredConsoleSession(hash(), hash(), "k", later, later.plusSeconds(10), later.plusSeconds(600));
        StoredConsoleSession expired = new StoredConsoleSession(hash(), hash(), "k", later, later.plusSeconds(10), later.plusSeconds(10));
        StoredConsoleSession live = new StoredConsoleSession(hash(), hash(), "k", later, later.plusSeconds(60), later.plusSeconds(600));
        store().save(idle);
        store().save(expired);
        store().save(live);

        assertThat(store().deleteEnded(later.plusSeconds(10))).isGreaterThanOrEqualTo(2);

        assertThat(store().findByHash(idle.sessionHash())).isEmpty();
        assertThat(store().findByHash(expired.sessionHash())).isEmpty();
        assertThat(store().findByHash(live.sessionHash())).contains(live);
    }
}
