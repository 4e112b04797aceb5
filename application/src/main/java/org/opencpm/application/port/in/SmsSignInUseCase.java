package org.opencpm.application.port.in;

import java.time.Duration;
import java.time.Instant;

/**
 * Reaching the preference centre without a link: the person gives their phone, gets a one-time
 * code by SMS, and trades it for a short-lived self-service token (ADR 0022). The answer to asking
 * for a code is the same whether or not the phone is known (no enumeration of who is a customer).
 */
public interface SmsSignInUseCase {

    /** How long a code can be used. */
    Duration CODE_LIFETIME = Duration.ofMinutes(5);
    /** How long the token a code is traded for opens the preference centre. */
    Duration SESSION_LIFETIME = Duration.ofMinutes(15);
    /** Wrong codes tried against one challenge before it is spent. */
    int MAX_ATTEMPTS = 5;

    /** Whether an SMS gateway is configured for sign-in codes. */
    boolean available();

    /**
     * Sends a code to {@code phone} if it is a known person's (and says the same otherwise).
     *
     * @return the challenge the code must come back with
     * @throws org.opencpm.domain.InvalidValueException when {@code phone} is not a phone number
     * @throws org.opencpm.application.selfservice.SmsSignInUnavailableException when no gateway is configured
     * @throws org.opencpm.application.selfservice.TooManyCodesException when this phone asked too often lately
     */
    Challenge requestCode(String phone);

    /**
     * @return a self-service token for the person whose phone it is
     * @throws org.opencpm.application.selfservice.CodeRefusedException when the code, phone or challenge do not match or expired
     * @throws org.opencpm.application.selfservice.TooManyCodesException when the challenge's attempts are spent
     */
    PreferenceLink verify(String challenge, String phone, String code);

    record Challenge(String challenge, Instant expiresAt) {
    }
}
