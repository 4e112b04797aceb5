package org.opencpm.connectors.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of a message a {@link MessageSender} was asked to send (since 1.3.0). Reasons are
 * shown to the caller: never a secret, never the recipient.
 */
public sealed interface SendReceipt {

    /** The platform took the message; {@code messageId} is its id of it ({@code BizId}, {@code SerialNo}). */
    static SendReceipt accepted(String messageId) {
        return new Accepted(messageId);
    }

    /** The platform refused the message for good (an unknown template, an invalid number): sending it again will not help. */
    static SendReceipt refused(String platformCode, String reason) {
        return new Refused(platformCode, reason);
    }

    /** The platform could not be reached or asked to come back later: the caller may try again, after {@code retryAfter} if known. */
    static SendReceipt unavailable(String reason, Optional<Duration> retryAfter) {
        return new Unavailable(reason, retryAfter);
    }

    /** See {@link #accepted}. */
    record Accepted(String messageId) implements SendReceipt {
        public Accepted {
            Objects.requireNonNull(messageId, "messageId");
        }
    }

    /** See {@link #refused}. */
    record Refused(String platformCode, String reason) implements SendReceipt {
        public Refused {
            Objects.requireNonNull(platformCode, "platformCode");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** See {@link #unavailable}. */
    record Unavailable(String reason, Optional<Duration> retryAfter) implements SendReceipt {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }
}
