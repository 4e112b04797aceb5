package org.opencpm.application.port.out;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.IdentifierType;

/** One send gateway: what it sends on, to whom, and the sending. */
public interface MessageGateway {

    /** The channel its messages go out on: what the send permit is asked for. */
    ContactChannel channel();

    /** The identifier type a message is addressed to ({@code phone} for SMS). */
    IdentifierType recipientType();

    /** Sends one permitted message; never throws for what the platform answered. */
    Receipt send(Message message);

    /**
     * A permitted message.
     *
     * @param permitId the send permit it was issued under
     */
    record Message(String permitId, Identifier recipient, PurposeCode purpose, Optional<String> topic, Optional<String> template,
                   Map<String, String> parameters) {
        public Message {
            Objects.requireNonNull(permitId, "permitId");
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(template, "template");
            parameters = Map.copyOf(parameters);
        }
    }

    /** What became of a message. Reasons never hold a secret or the recipient. */
    sealed interface Receipt {
    }

    /** The platform took it, under its id {@code messageId}. */
    record Accepted(String messageId) implements Receipt {
    }

    /** The platform refused it for good ({@code platformCode} as the platform says it). */
    record Refused(String platformCode, String reason) implements Receipt {
    }

    /** The platform could not be reached, or asked to come back later. */
    record Unavailable(String reason, Optional<Duration> retryAfter) implements Receipt {
    }
}
