package org.opencpm.application.selfservice;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.opencpm.application.port.in.LookupSubjectUseCase;
import org.opencpm.application.port.in.PreferenceLink;
import org.opencpm.application.port.in.SmsSignInUseCase;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.port.out.IdentityVault;
import org.opencpm.application.port.out.MessageGateway;
import org.opencpm.application.port.out.MessageGateways;
import org.opencpm.application.port.out.SelfTokenSigner;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.rights.VerificationMethod;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;

/**
 * Sign-in by SMS code (ADR 0022). Nothing about a code is stored: the challenge handed back is
 * {@code pcc1.<challenge id>.<expiry>.<tag>.<MAC>}, the MAC an HMAC under the self-token key of the
 * id, the expiry, the phone's canonical form and the code; the code comes back with the challenge and
 * the phone, and only the same three make the same MAC. So the code exists only in the SMS, any
 * node can check it, and an unknown phone gets a challenge of the same shape for a code that was
 * never sent. The tag, an HMAC of the id, the expiry and the phone without the code, shows the
 * server issued the challenge for that phone: it is checked before a try is counted, so made-up
 * challenges never take room among the counted ones (else a flood of random ids would fill that
 * room and lock everyone out). Attempts (per challenge) and requests (per phone by keyed hash, per
 * client address, in all — {@link SmsLimits}) are counted in this node's memory: with several nodes
 * behind a balancer the limits are per node.
 */
public final class SmsSignInService implements SmsSignInUseCase {

    private static final Logger LOG = Logger.getLogger(SmsSignInService.class.getName());
    static final String PREFIX = "pcc1.";
    /** The most challenges whose attempts are counted at once. */
    static final int MAX_TRACKED = 100_000;
    /** The purpose a sign-in code is sent under: a service message, not marketing. */
    static final PurposeCode PURPOSE = PurposeCode.of("preference-centre-sign-in");
    private static final Pattern CHALLENGE = Pattern.compile("pcc1\\.([A-Za-z0-9_-]{22})\\.([0-9]{1,12})\\.([A-Za-z0-9_-]{43})\\.([A-Za-z0-9_-]{43})");
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SelfTokenSigner signer;
    private final SelfTokens tokens;
    private final LookupSubjectUseCase lookup;
    private final IdentityVault vault;
    private final MessageGateways gateways;
    private final Optional<String> connectorId;
    private final Optional<String> template;
    private final Executor sending;
    private final Clock clock;
    private final ChallengeAttempts attempts;
    private final CodeRequests requests;
    /** Whether the last code sent failed: what is logged is the change, not every failure. */
    private final AtomicBoolean failing = new AtomicBoolean();

    /**
     * @param connectorId the SMS connector codes go out through; empty: sign-in by code is off
     * @param template    the platform's template for the code message (its one parameter is {@code code})
     * @param sending     where the SMS is sent from, so the answer takes as long for a known phone as for an unknown one
     */
    public SmsSignInService(SelfTokenSigner signer, SelfTokens tokens, LookupSubjectUseCase lookup, IdentityVault vault,
                            MessageGateways gateways, Optional<String> connectorId, Optional<String> template, Executor sending,
                            Clock clock) {
        this(signer, tokens, lookup, vault, gateways, connectorId, template, sending, clock, SmsLimits.DEFAULT, MAX_TRACKED);
    }

    /** @param limits how many codes may be asked for, per phone, per client address and in all */
    public SmsSignInService(SelfTokenSigner signer, SelfTokens tokens, LookupSubjectUseCase lookup, IdentityVault vault,
                            MessageGateways gateways, Optional<String> connectorId, Optional<String> template, Executor sending,
                            Clock clock, SmsLimits limits) {
        this(signer, tokens, lookup, vault, gateways, connectorId, template, sending, clock, limits, MAX_TRACKED);
    }

    SmsSignInService(SelfTokenSigner signer, SelfTokens tokens, LookupSubjectUseCase lookup, IdentityVault vault,
                     MessageGateways gateways, Optional<String> connectorId, Optional<String> template, Executor sending,
                     Clock clock, SmsLimits limits, int maxTracked) {
        this.attempts = new ChallengeAttempts(maxTracked);
        this.requests = new CodeRequests(limits);
        this.signer = signer;
        this.tokens = tokens;
        this.lookup = lookup;
        this.vault = vault;
        this.gateways = gateways;
        this.connectorId = connectorId;
        this.template = template;
        this.sending = sending;
        this.clock = clock;
    }

    @Override
    public boolean available() {
        return connectorId.isPresent();
    }

    @Override
    public Challenge requestCode(String written, String clientAddress) {
        if (connectorId.isEmpty()) {
            throw new SmsSignInUnavailableException();
        }
        Identifier phone = phone(written);
        Instant now = clock.now();
        requests.count(vault.hash(phone).hex(), clientAddress, now);
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        String challengeId = B64.encodeToString(id);
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        long expiry = now.plus(CODE_LIFETIME).getEpochSecond();
        String challenge = PREFIX + challengeId + "." + expiry + "." + tag(challengeId, expiry, phone) + "." + mac(challengeId, expiry, phone, code);
        Optional<SubjectId> known = lookup.lookup(List.of(phone));
        if (known.isPresent()) {
            sending.execute(() -> send(phone, code, challengeId));
        }
        return new Challenge(challenge, Instant.ofEpochSecond(expiry));
    }

    @Override
    public PreferenceLink verify(String challenge, String written, String code) {
        var m = challenge == null ? null : CHALLENGE.matcher(challenge);
        if (m == null || !m.matches() || code == null || !CODE.matcher(code).matches()) {
            throw new CodeRefusedException();
        }
        Identifier phone = phone(written);
        String challengeId = m.group(1);
        long expiry = Long.parseLong(m.group(2));
        Instant now = clock.now();
        // expired, or claiming a life longer than any challenge we give (a made-up one, meant to be kept)
        if (now.getEpochSecond() >= expiry || expiry > now.plus(CODE_LIFETIME).getEpochSecond()) {
            throw new CodeRefusedException();
        }
        // not issued by this server for this phone: refused before it is counted, so it takes no room
        if (!same(tag(challengeId, expiry, phone), m.group(3))) {
            throw new CodeRefusedException();
        }
        if (attempts.tryOnce(challengeId, expiry, now.getEpochSecond()) > MAX_ATTEMPTS) {
            throw new TooManyCodesException();
        }
        if (!same(mac(challengeId, expiry, phone, code), m.group(4))) {
            throw new CodeRefusedException();
        }
        if (!attempts.open(challengeId, MAX_ATTEMPTS)) { // a code opens once: the same challenge again is spent
            throw new TooManyCodesException();
        }
        SubjectId subject = lookup.lookup(List.of(phone)).orElseThrow(CodeRefusedException::new);
        SelfTokens.Issued issued = tokens.issue(VerificationMethod.SMS_CODE, subject, now.plus(SESSION_LIFETIME));
        return new PreferenceLink(issued.token(), issued.tokenId(), issued.expiresAt());
    }

    private static Identifier phone(String written) {
        if (written == null || written.isBlank()) {
            throw new InvalidValueException("phone", "is required");
        }
        return Identifier.phone(written);
    }

    private static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }

    /** Shows the server issued challenge {@code challengeId} for this phone; needs no code, so it can be checked first. */
    private String tag(String challengeId, long expiry, Identifier phone) {
        String message = "sms-challenge|" + challengeId + "|" + expiry + "|" + phone.canonical();
        return B64.encodeToString(signer.sign(message.getBytes(StandardCharsets.UTF_8)));
    }

    private String mac(String challengeId, long expiry, Identifier phone, String code) {
        String message = "sms-code|" + challengeId + "|" + expiry + "|" + phone.canonical() + "|" + code;
        return B64.encodeToString(signer.sign(message.getBytes(StandardCharsets.UTF_8)));
    }

    private void send(Identifier phone, String code, String challengeId) {
        try {
            Optional<MessageGateway> gateway = gateways.gateway(connectorId.orElseThrow());
            if (gateway.isEmpty()) {
                failed("the SMS connector for sign-in codes (" + connectorId.get() + ") is not running; no code sent");
                return;
            }
            MessageGateway.Receipt receipt = gateway.get().send(new MessageGateway.Message("otp_" + challengeId, phone, PURPOSE,
                    Optional.empty(), template, Map.of("code", code)));
            if (receipt instanceof MessageGateway.Accepted) {
                sent();
            } else {
                failed("a sign-in code was not sent by " + connectorId.get() + ": " + receipt.getClass().getSimpleName());
            }
        } catch (RuntimeException e) {
            failed("a sign-in code could not be sent by " + connectorId.get() + ": " + e.getClass().getSimpleName());
        }
    }

    /**
     * A warning when sending starts to fail, not one per code: anyone may ask for a code to a known
     * phone, so while the connector is down each ask would log one, up to the node's whole limit per
     * window. The failures after the first are logged at FINE.
     */
    private void failed(String why) {
        if (failing.compareAndSet(false, true)) {
            LOG.warning(() -> why + "; further failures are logged at FINE until a code is sent again");
        } else {
            LOG.fine(why);
        }
    }

    private void sent() {
        if (failing.compareAndSet(true, false)) {
            LOG.info(() -> "sign-in codes are sent by " + connectorId.get() + " again");
        }
    }
}
