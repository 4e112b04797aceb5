package org.opencpm.adapters.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preference centre's link key on disk: made once, whole, owner-only, and the same for two starting at once. */
class SelfTokenKeyTest {

    private static final byte[] PROBE = "probe".getBytes(StandardCharsets.UTF_8);

    @Test
    @DisplayName("Signatures made on many threads at once are the HMAC-SHA-256 of each message under the key")
    void signatures_made_at_once_are_each_the_hmac_of_their_message() throws Exception {
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        SelfTokenKey key = new SelfTokenKey(secret);
        javax.crypto.Mac reference = javax.crypto.Mac.getInstance("HmacSHA256");
        reference.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
        List<byte[]> messages = IntStream.range(0, 2_000).mapToObj(i -> ("link " + i).getBytes(StandardCharsets.UTF_8)).toList();
        List<byte[]> expected = messages.stream().map(reference::doFinal).toList();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(threads.submit(() -> IntStream.range(0, messages.size())
                        .allMatch(i -> Arrays.equals(key.sign(messages.get(i)), expected.get(i)))));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get(60, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    @Test
    @DisplayName("Two starting at once on an empty data folder agree on one key; neither reads a file the other has not finished")
    void two_starts_at_once_agree(@TempDir Path data) throws Exception {
        try (ExecutorService two = Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < 300; round++) {
                Path secrets = data.resolve("r" + round).resolve("secrets");
                CyclicBarrier together = new CyclicBarrier(2);
                Future<SelfTokenKey> a = two.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return SelfTokenKey.loadOrCreate(secrets);
                });
                Future<SelfTokenKey> b = two.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return SelfTokenKey.loadOrCreate(secrets);
                });
                assertThat(a.get().sign(PROBE)).as("round %d", round).isEqualTo(b.get().sign(PROBE));
                assertThat(SelfTokenKey.loadOrCreate(secrets).sign(PROBE)).isEqualTo(a.get().sign(PROBE));
                try (var files = Files.list(secrets)) {
                    assertThat(files.map(p -> p.getFileName().toString())).containsExactly(SelfTokenKey.FILE_NAME);
                }
                if (round == 0 && data.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.resolve(SelfTokenKey.FILE_NAME))))
                            .isEqualTo("rw-------");
                }
            }
        }
    }
}
