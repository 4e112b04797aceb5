package org.opencpm.connectors.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A message the host asks a {@link MessageSender} to send, with the permit it holds for it
 * (since 1.3.0). Its {@link #toString()} hides the recipient and the parameters.
 *
 * @param permitId   the send permit ({@code pmt_…}): unique per message, so also the idempotency
 *                   key a platform that takes one should get ({@code OutId}, {@code SessionContext})
 * @param recipient  whom to send it to: the caller's identifier of {@link MessageSender#recipientType()}
 * @param purpose    the purpose the message serves ({@code marketing-sms})
 * @param topic      the topic, if the caller gave one ({@code promotions})
 * @param template   the platform's template to send, if the caller chose one; else the connector's configured one
 * @param parameters the template's parameters, as the caller gave them ({@code {"code": "1234"}})
 */
public record OutgoingMessage(String permitId, SubjectIdentifier recipient, String purpose, Optional<String> topic,
                              Optional<String> template, Map<String, String> parameters) {

    public OutgoingMessage {
        Objects.requireNonNull(permitId, "permitId");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(template, "template");
        parameters = Map.copyOf(parameters);
    }

    @Override
    public String toString() {
        return "OutgoingMessage[permitId=" + permitId + ", recipient=" + recipient + ", purpose=" + purpose + ", topic=" + topic
                + ", template=" + template + ", " + parameters.size() + " parameters hidden]";
    }
}
