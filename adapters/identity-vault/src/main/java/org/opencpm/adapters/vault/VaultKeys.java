package org.opencpm.adapters.vault;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The vault's three 256-bit keys. Kept in {@code <data>/secrets/identity-vault.keys} (owner
 * read/write only, folder owner only), created on first start; losing the file makes every
 * stored hash and sealed identifier useless, so it belongs in the backup of the data folder.
 */
public record VaultKeys(byte[] hashKey, byte[] pseudonymKey, byte[] sealKey) {

    public static final String FILE_NAME = "identity-vault.keys";
    private static final int KEY_BYTES = 32;

    public VaultKeys {
        check(hashKey, "hash");
        check(pseudonymKey, "pseudonym");
        check(sealKey, "seal");
        hashKey = hashKey.clone();
        pseudonymKey = pseudonymKey.clone();
        sealKey = sealKey.clone();
    }

    private static void check(byte[] key, String name) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the " + name + " key must be " + KEY_BYTES + " bytes");
        }
    }

    public static VaultKeys random() {
        SecureRandom random = new SecureRandom();
        byte[][] keys = new byte[3][KEY_BYTES];
        for (byte[] key : keys) {
            random.nextBytes(key);
        }
        return new VaultKeys(keys[0], keys[1], keys[2]);
    }

    /**
     * The keys in {@code secretsDir}, made there (mode 600, folder 700) on first use. Two processes
     * starting at once agree on one file: the loser of the race reads the winner's.
     */
    public static VaultKeys loadOrCreate(Path secretsDir) {
        Path file = secretsDir.resolve(FILE_NAME);
        try {
            Secrets.createPrivateDirectory(secretsDir);
            if (Files.notExists(file)) {
                VaultKeys fresh = random();
                try {
                    Secrets.publishPrivateFile(file, fresh.toProperties());
                    return fresh;
                } catch (FileAlreadyExistsException raced) {
                    // another process made it first: use theirs
                }
            }
            Properties stored = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                stored.load(in);
            }
            Base64.Decoder base64 = Base64.getDecoder();
            return new VaultKeys(base64.decode(required(stored, "hash", file)), base64.decode(required(stored, "pseudonym", file)),
                    base64.decode(required(stored, "seal", file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the identity vault keys in " + secretsDir, e);
        }
    }

    private static String required(Properties stored, String name, Path file) {
        String value = stored.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(file + " has no '" + name + "' key");
        }
        return value;
    }

    private String toProperties() {
        Base64.Encoder base64 = Base64.getEncoder();
        return "# OpenCPM identity vault keys. Keep secret; back up with the data folder; never change.\n"
                + "hash=" + base64.encodeToString(hashKey) + "\n"
                + "pseudonym=" + base64.encodeToString(pseudonymKey) + "\n"
                + "seal=" + base64.encodeToString(sealKey) + "\n";
    }

    @Override
    public String toString() {
        return "VaultKeys[hidden]";
    }
}
