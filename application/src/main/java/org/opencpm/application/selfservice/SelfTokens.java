package org.opencpm.application.selfservice;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.opencpm.application.port.in.SelfSession;
import org.opencpm.application.port.out.SelfTokenSigner;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.rights.VerificationMethod;
import org.opencpm.domain.subject.SubjectId;

/**
 * The self-service token (ADR 0022): {@code pcl1.<payload>.<mac>} for a link a brand issued,
 * {@code pcs1.<payload>.<mac>} for a session begun with an SMS code; the payload is base64url of
 * {@code <token id>|<subject id>|<expiry, epoch seconds>}, the MAC an HMAC-SHA-256 of the prefix
 * and the payload under the server's key. Nothing is stored per token: the signature says it is
 * ours, the payload whom it names and until when. The prefix is part of what is signed, so a
 * token of one kind cannot be passed off as the other; it also tells these tokens from API keys
 * at a glance (an API key never starts with it, and these are refused wherever a key is asked for).
 */
public final class SelfTokens {

    public static final String LINK_PREFIX = "pcl1.";
    public static final String CODE_PREFIX = "pcs1.";
    /** Longer than any token we make: a longer string is refused before any work. */
    static final int MAX_LENGTH = 400;
    private static final Pattern SHAPE = Pattern.compile("pc[ls]1\\.[A-Za-z0-9_-]{10,300}\\.[A-Za-z0-9_-]{43}");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SelfTokenSigner signer;

    public SelfTokens(SelfTokenSigner signer) {
        this.signer = signer;
    }

    /** A token, its id and expiry. */
    public record Issued(String token, String tokenId, Instant expiresAt) {
    }

    /** What a token says once its signature holds, before its subject or expiry is checked. */
    public record Claims(SubjectId subject, String tokenId, Instant expiresAt, VerificationMethod via) {

        public SelfSession session() {
            return new SelfSession(subject, tokenId, expiresAt, via);
        }
    }

    public Issued issue(VerificationMethod via, SubjectId subject, Instant expiresAt) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        String tokenId = (via == VerificationMethod.LINK ? "lnk_" : "sms_") + B64.encodeToString(id);
        Instant expiry = Instant.ofEpochSecond(expiresAt.getEpochSecond());
        String payload = B64.encodeToString((tokenId + "|" + subject.value() + "|" + expiry.getEpochSecond())
                .getBytes(StandardCharsets.UTF_8));
        String signed = prefixOf(via) + payload;
        return new Issued(signed + "." + B64.encodeToString(signer.sign(signed.getBytes(StandardCharsets.US_ASCII))),
                tokenId, expiry);
    }

    /** The claims of a token signed under our key; empty for anything else (malformed, tampered, foreign). */
    public Optional<Claims> verify(String token) {
        if (token == null || token.length() > MAX_LENGTH || !SHAPE.matcher(token).matches()) {
            return Optional.empty();
        }
        int dot = token.lastIndexOf('.');
        String signed = token.substring(0, dot);
        // compared as text: base64 leaves spare bits in the last character, and a decoder ignores them, so
        // comparing the decoded bytes would take several spellings of one signature (a token that is not the one issued)
        byte[] expected = B64.encodeToString(signer.sign(signed.getBytes(StandardCharsets.US_ASCII))).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        VerificationMethod via = token.startsWith(LINK_PREFIX) ? VerificationMethod.LINK : VerificationMethod.SMS_CODE;
        try {
            String[] parts = new String(UNB64.decode(signed.substring(LINK_PREFIX.length())), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 3) {
                return Optional.empty();
            }
            return Optional.of(new Claims(SubjectId.of(parts[1]), parts[0], Instant.ofEpochSecond(Long.parseLong(parts[2])), via));
        } catch (IllegalArgumentException | InvalidValueException | java.time.DateTimeException e) {
            return Optional.empty(); // signed by us, so never expected: still a refusal, not an error
        }
    }

    private static String prefixOf(VerificationMethod via) {
        return switch (via) {
            case LINK -> LINK_PREFIX;
            case SMS_CODE -> CODE_PREFIX;
            default -> throw new IllegalArgumentException("self tokens come from a link or an SMS code, not " + via);
        };
    }
}
