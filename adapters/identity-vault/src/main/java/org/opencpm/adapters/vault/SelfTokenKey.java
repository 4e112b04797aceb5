package org.opencpm.adapters.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;
import org.opencpm.application.port.out.SelfTokenSigner;

/**
 * The key that signs the preference centre's links and self-service tokens (HMAC-SHA-256, ADR
 * 0022). Kept like the vault keys: {@code <data>/secrets/self-token.key} (mode 600), made on first
 * start; or given in configuration ({@code opencpm.preference-center.token-key}, base64 of 32
 * bytes), which is how several nodes share one. Replacing it makes every link issued so far
 * invalid at once: the way to revoke them all.
 */
public final class SelfTokenKey implements SelfTokenSigner {

    public static final String FILE_NAME = "self-token.key";
    private static final int KEY_BYTES = 32;

    private final SecretKeySpec key;
    private final HmacSha256 mac;

    public SelfTokenKey(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the self-token key must be " + KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.mac = new HmacSha256(this.key);
    }

    public static SelfTokenKey random() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return new SelfTokenKey(key);
    }

    /** The key in {@code secretsDir}, made there on first use; two processes starting at once agree on one. */
    public static SelfTokenKey loadOrCreate(Path secretsDir) {
        Path file = secretsDir.resolve(FILE_NAME);
        try {
            Secrets.createPrivateDirectory(secretsDir);
            if (Files.notExists(file)) {
                SelfTokenKey fresh = random();
                try {
                    // whole or not at all: a second process starting now never reads a file this one has not finished
                    Secrets.publishPrivateFile(file, "# OpenCPM preference-centre link key. Keep secret; the same on every node.\n"
                            + Base64.getEncoder().encodeToString(fresh.key.getEncoded()) + "\n");
                    return fresh;
                } catch (FileAlreadyExistsException raced) {
                    // another process made it first: use theirs
                }
            }
            String base64 = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(file + " holds no key"));
            return new SelfTokenKey(Base64.getDecoder().decode(base64));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the self-token key in " + secretsDir, e);
        }
    }

    @Override
    public byte[] sign(byte[] message) {
        return mac.sign(message);
    }

    @Override
    public String toString() {
        return "SelfTokenKey[hidden]";
    }
}
