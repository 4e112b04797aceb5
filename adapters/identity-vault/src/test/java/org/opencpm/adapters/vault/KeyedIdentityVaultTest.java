package org.opencpm.adapters.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencpm.application.port.out.SealedIdentifier;
import org.opencpm.domain.subject.Identifier;

class KeyedIdentityVaultTest {

    private final Identifier phone = Identifier.phone("13800138000");
    private final Identifier openid = Identifier.wechatOpenid("o6_bmjrPTlm6_2sgVt7hMZOPfL2M", "wx1234");

    @Test
    void equal_identifiers_hash_alike_and_differently_under_another_key() {
        KeyedIdentityVault vault = KeyedIdentityVault.withRandomKeys();
        assertThat(vault.hash(Identifier.phone("+86 138-0013-8000"))).isEqualTo(vault.hash(phone));
        assertThat(vault.hash(phone)).isNotEqualTo(vault.hash(openid));
        assertThat(KeyedIdentityVault.withRandomKeys().hash(phone)).isNotEqualTo(vault.hash(phone));
        assertThat(vault.pseudonym(phone.canonical())).isNotEqualTo(vault.hash(phone).hex());
    }

    @Test
    void api_keys_hash_under_a_key_of_their_own_derived_from_the_stored_keys() throws Exception {
        VaultKeys keys = VaultKeys.random();
        KeyedIdentityVault vault = new KeyedIdentityVault(keys);
        String apiKey = "opk_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

        assertThat(vault.apiKeyHash(apiKey)).as("stable across restarts: derived, not random")
                .isEqualTo(new KeyedIdentityVault(keys).apiKeyHash(apiKey)).hasSize(64);
        assertThat(vault.apiKeyHash(apiKey)).isNotEqualTo(KeyedIdentityVault.withRandomKeys().apiKeyHash(apiKey));
        assertThat(vault.apiKeyHash(apiKey)).as("not the pseudonym key").isNotEqualTo(vault.pseudonym(apiKey));
        javax.crypto.Mac underHashKey = javax.crypto.Mac.getInstance("HmacSHA256");
        underHashKey.init(new javax.crypto.spec.SecretKeySpec(keys.hashKey(), "HmacSHA256"));
        assertThat(vault.apiKeyHash(apiKey)).as("not the identifier hash key either")
                .isNotEqualTo(java.util.HexFormat.of().formatHex(underHashKey.doFinal(apiKey.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void hashes_seals_and_pseudonyms_made_on_many_threads_at_once_are_what_one_thread_makes() throws Exception {
        KeyedIdentityVault vault = KeyedIdentityVault.withRandomKeys();
        List<Identifier> phones = IntStream.range(0, 2_000).mapToObj(i -> Identifier.phone(String.valueOf(13_800_000_000L + i))).toList();
        Map<Identifier, String> alone = new HashMap<>();
        phones.forEach(phone -> alone.put(phone, vault.hash(phone).hex() + vault.pseudonym(phone.value()) + vault.apiKeyHash(phone.value())));

        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(threads.submit(() -> phones.stream().allMatch(phone ->
                        alone.get(phone).equals(vault.hash(phone).hex() + vault.pseudonym(phone.value()) + vault.apiKeyHash(phone.value()))
                                && vault.open(vault.seal(phone)).equals(phone))));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void sealing_is_randomised_and_opens_to_the_identifier() {
        KeyedIdentityVault vault = KeyedIdentityVault.withRandomKeys();
        SealedIdentifier once = vault.seal(openid);
        SealedIdentifier twice = vault.seal(openid);
        assertThat(once).isNotEqualTo(twice);
        assertThat(vault.open(once)).isEqualTo(openid);
        assertThat(new String(once.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("o6_bmjr");
    }

    @Test
    void a_tampered_or_foreign_seal_does_not_open() {
        KeyedIdentityVault vault = KeyedIdentityVault.withRandomKeys();
        byte[] bytes = vault.seal(phone).bytes();
        bytes[bytes.length - 1] ^= 1;
        assertThatThrownBy(() -> vault.open(new SealedIdentifier(bytes))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyedIdentityVault.withRandomKeys().open(vault.seal(phone))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keys_are_made_once_owner_only_and_read_back(@TempDir Path data) throws Exception {
        Path secrets = data.resolve("secrets");
        VaultKeys first = VaultKeys.loadOrCreate(secrets);
        VaultKeys again = VaultKeys.loadOrCreate(secrets);
        assertThat(again.hashKey()).isEqualTo(first.hashKey());
        assertThat(again.sealKey()).isEqualTo(first.sealKey());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.resolve(VaultKeys.FILE_NAME)))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rwx------");

        KeyedIdentityVault before = new KeyedIdentityVault(first);
        KeyedIdentityVault afterRestart = new KeyedIdentityVault(again);
        assertThat(afterRestart.hash(phone)).isEqualTo(before.hash(phone));
        assertThat(afterRestart.open(before.seal(phone))).isEqualTo(phone);
    }

    /** Nodes starting at once on one shared folder: each reads the one file complete, never another's half-written one. */
    @Test
    void processes_starting_at_once_agree_on_one_key_file(@TempDir Path data) throws Exception {
        for (int round = 0; round < 20; round++) {
            Path secrets = data.resolve("secrets-" + round);
            try (var starting = java.util.concurrent.Executors.newFixedThreadPool(8)) {
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                java.util.List<java.util.concurrent.Future<VaultKeys>> keys = new java.util.ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    keys.add(starting.submit(() -> {
                        go.await();
                        return VaultKeys.loadOrCreate(secrets);
                    }));
                }
                go.countDown();
                byte[] first = keys.getFirst().get().hashKey();
                for (var each : keys) {
                    assertThat(each.get().hashKey()).isEqualTo(first);
                }
            }
            try (var left = Files.list(secrets)) {
                assertThat(left).as("no temporary file left").containsExactly(secrets.resolve(VaultKeys.FILE_NAME));
            }
        }
    }
}
