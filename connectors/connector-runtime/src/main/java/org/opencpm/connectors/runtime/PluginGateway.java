package org.opencpm.connectors.runtime;

import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;
import org.opencpm.application.port.out.MessageGateway;
import org.opencpm.connectors.api.MessageSender;
import org.opencpm.connectors.api.OutgoingMessage;
import org.opencpm.connectors.api.SendReceipt;
import org.opencpm.connectors.api.SubjectIdentifier;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.subject.IdentifierType;

/**
 * A connector's {@link MessageSender} as the application's {@link MessageGateway}: called under the
 * plugin's class loader, its answers translated, every reason scrubbed of the connector's secrets
 * and of the recipient, and a sender that throws or answers nothing read as "unavailable" (logged,
 * never passed on to the caller as it was).
 */
final class PluginGateway implements MessageGateway {

    private static final Logger LOG = Logger.getLogger(PluginGateway.class.getName());

    private final String connectorId;
    private final MessageSender sender;
    private final ClassLoader loader;
    private final Scrubber scrubber;
    private final ContactChannel channel;
    private final IdentifierType recipientType;

    private PluginGateway(String connectorId, MessageSender sender, ClassLoader loader, Scrubber scrubber) {
        this.connectorId = connectorId;
        this.sender = sender;
        this.loader = loader;
        this.scrubber = scrubber;
        this.channel = ContactChannel.parse(sender.channel().code(), "channel");
        this.recipientType = IdentifierType.parse(sender.recipientType().code(), "recipientType");
    }

    /**
     * The gateway of connector {@code connectorId}'s sender, made once at its start under the
     * plugin's class loader; a sender whose channel or recipient type OpenCPM does not know fails
     * the start (thrown), like any other broken start.
     */
    static PluginGateway of(String connectorId, MessageSender sender, ClassLoader loader, Scrubber scrubber) throws Exception {
        return PluginCalls.withContextLoader(loader, () -> new PluginGateway(connectorId, sender, loader, scrubber));
    }

    @Override
    public ContactChannel channel() {
        return channel;
    }

    @Override
    public IdentifierType recipientType() {
        return recipientType;
    }

    @Override
    public Receipt send(Message message) {
        SubjectIdentifier recipient = new SubjectIdentifier(message.recipient().type().code(), message.recipient().value(),
                message.recipient().scope());
        OutgoingMessage outgoing = new OutgoingMessage(message.permitId(), recipient, message.purpose().value(), message.topic(),
                message.template(), message.parameters());
        SendReceipt receipt;
        try {
            receipt = PluginCalls.withContextLoader(loader, () -> Objects.requireNonNull(sender.send(outgoing), "its sender answered nothing"));
        } catch (Exception | LinkageError e) {
            String problem = clean(PluginCalls.message(e), message);
            LOG.warning(() -> "connector " + connectorId + " failed to send message " + message.permitId() + ": " + problem);
            return new Unavailable("the connector failed on this message", Optional.empty());
        }
        return switch (receipt) {
            case SendReceipt.Accepted accepted -> new Accepted(clean(accepted.messageId(), message));
            case SendReceipt.Refused refused -> new Refused(clean(refused.platformCode(), message), clean(refused.reason(), message));
            case SendReceipt.Unavailable unavailable -> new Unavailable(clean(unavailable.reason(), message), unavailable.retryAfter());
        };
    }

    /** {@code text} without the connector's secrets and without the recipient. */
    private String clean(String text, Message message) {
        String value = message.recipient().value();
        String scrubbed = scrubber.scrub(text);
        scrubbed = scrubbed.replace(value, "***");
        // a phone as the platform writes it, without +86 or +
        String digits = value.startsWith("+86") ? value.substring(3) : value.startsWith("+") ? value.substring(1) : value;
        return digits.length() >= 6 ? scrubbed.replace(digits, "***") : scrubbed;
    }
}
