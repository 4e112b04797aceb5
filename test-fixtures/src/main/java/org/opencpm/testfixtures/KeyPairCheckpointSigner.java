package org.opencpm.testfixtures;

import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.opencpm.application.port.out.CheckpointSigner;
import org.opencpm.domain.audit.CheckpointSignatures;

/** A checkpoint signer with a key pair in memory; {@link #rotate()} puts a new one in use and keeps the old public key trusted. */
public final class KeyPairCheckpointSigner implements CheckpointSigner {

    private volatile KeyPair current = CheckpointSignatures.generate();
    private final List<PublicKey> retired = new ArrayList<>();

    @Override
    public String keyId() {
        return CheckpointSignatures.keyId(current.getPublic());
    }

    @Override
    public PublicKey publicKey() {
        return current.getPublic();
    }

    @Override
    public String sign(byte[] statement) {
        return CheckpointSignatures.sign(current.getPrivate(), statement);
    }

    @Override
    public synchronized List<PublicKey> trustedKeys() {
        List<PublicKey> keys = new ArrayList<>(retired);
        keys.add(current.getPublic());
        return keys;
    }

    public synchronized void rotate() {
        retired.add(current.getPublic());
        current = CheckpointSignatures.generate();
    }
}
