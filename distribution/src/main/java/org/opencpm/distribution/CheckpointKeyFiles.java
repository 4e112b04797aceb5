package org.opencpm.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.opencpm.adapters.vault.Secrets;
import org.opencpm.application.port.out.CheckpointSigner;
import org.opencpm.domain.audit.CheckpointSignatures;

/**
 * The Ed25519 keys that sign audit checkpoints, as files in {@code <data>/secrets/} (mode 600, like
 * the vault keys): {@code audit-checkpoint-<UTC time>.pem}, each holding the private key and its
 * public key in PEM. The newest file signs; every older one (and any {@code audit-checkpoint-*.pub}
 * holding only a retired public key) stays trusted, so rotating is dropping a newer file in (or
 * deleting the private half of an old one, keeping its {@code .pub}) and restarting. With no file,
 * one is made. {@code opencpm.audit.checkpointKeyFile} names a key file elsewhere (a mounted secret)
 * instead: it then signs, and the folder's keys stay trusted.
 */
final class CheckpointKeyFiles implements CheckpointSigner {

    private static final String PREFIX = "audit-checkpoint-";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'");

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;
    private final List<PublicKey> trusted;

    private CheckpointKeyFiles(PrivateKey privateKey, PublicKey publicKey, List<PublicKey> trusted) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = CheckpointSignatures.keyId(publicKey);
        this.trusted = List.copyOf(trusted);
    }

    static CheckpointKeyFiles loadOrCreate(Path secrets, Optional<Path> configured) {
        try {
            Secrets.createPrivateDirectory(secrets);
            List<Path> files;
            try (Stream<Path> list = Files.list(secrets)) {
                // not another process's key still being written (Secrets.publishPrivateFile)
                files = list.filter(p -> p.getFileName().toString().startsWith(PREFIX) && !p.toString().endsWith(".tmp")).sorted().toList();
            }
            List<Path> pairs = files.stream().filter(p -> p.toString().endsWith(".pem")).toList();
            if (configured.isEmpty() && pairs.isEmpty()) {
                KeyPair fresh = CheckpointSignatures.generate();
                Path file = secrets.resolve(PREFIX + STAMP.format(LocalDateTime.now(ZoneOffset.UTC)) + ".pem");
                try {
                    Secrets.publishPrivateFile(file, CheckpointSignatures.privatePem(fresh.getPrivate())
                            + CheckpointSignatures.publicPem(fresh.getPublic()));
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // another process sharing this folder made it in the same second: its key is the one
                }
                pairs = List.of(file);
                files = List.of(file);
            }
            List<PublicKey> trusted = new ArrayList<>();
            for (Path file : files) {
                trusted.addAll(CheckpointSignatures.publicKeys(read(file)));
            }
            Path signing = configured.orElse(pairs.isEmpty() ? null : pairs.get(pairs.size() - 1));
            String pem = read(signing);
            PrivateKey privateKey = CheckpointSignatures.privateKey(pem);
            PublicKey publicKey = CheckpointSignatures.publicKeys(pem).get(0);
            if (!CheckpointSignatures.pair(privateKey, publicKey)) {
                throw new IllegalStateException("the checkpoint key file " + signing + " holds a public key that is not its private key's");
            }
            if (!trusted.contains(publicKey)) {
                trusted.add(publicKey);
            }
            return new CheckpointKeyFiles(privateKey, publicKey, trusted);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the audit checkpoint key in " + secrets, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("unreadable audit checkpoint key: " + e.getMessage(), e);
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII);
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public String sign(byte[] statement) {
        return CheckpointSignatures.sign(privateKey, statement);
    }

    @Override
    public List<PublicKey> trustedKeys() {
        return trusted;
    }
}
