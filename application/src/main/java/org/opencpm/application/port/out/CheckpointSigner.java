package org.opencpm.application.port.out;

import java.security.PublicKey;
import java.util.List;

/**
 * The key that signs audit checkpoints now, and the public keys of the ones it replaced. Held
 * outside the database (a file under the data folder's secrets, or configuration), so that
 * whoever can write the database still cannot sign.
 */
public interface CheckpointSigner {

    String keyId();

    PublicKey publicKey();

    /** The Ed25519 signature of {@code statement}, base64. */
    String sign(byte[] statement);

    /** The public keys verification trusts: the current one and every retired one still held. */
    List<PublicKey> trustedKeys();
}
