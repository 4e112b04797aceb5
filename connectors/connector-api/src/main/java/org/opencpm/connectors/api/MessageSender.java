package org.opencpm.connectors.api;

/**
 * A connector that sends messages a caller asks for (an SMS gateway), since 1.3.0. The host calls
 * {@link #send} only with a send permit in hand: the person consented to the purpose, the
 * channel is enabled for them, their frequency budget had a unit left (now taken) and it is not
 * their quiet hours nor the marketing curfew. A sender never decides any of that itself, and never
 * sends without being called.
 *
 * <p>{@link #send} runs on a request thread, under the context class loader of the plugin: bound
 * every wait on the platform (connect and answer timeouts of a few seconds) and answer with what
 * the platform said.
 */
public interface MessageSender {

    /** The channel the messages go out on: what the permit is asked for ({@code sms}). */
    ContactChannel channel();

    /**
     * The identifier type a message is addressed to: the request's identifier of this type is the
     * {@link OutgoingMessage#recipient()}. By default: a phone for {@code sms} and {@code phone},
     * an e-mail for {@code email}, an openid for {@code wechat}, a device id for {@code app_push}.
     */
    default IdentifierType recipientType() {
        return switch (channel()) {
            case SMS, PHONE -> IdentifierType.PHONE;
            case EMAIL -> IdentifierType.EMAIL;
            case WECHAT -> IdentifierType.WECHAT_OPENID;
            case APP_PUSH -> IdentifierType.DEVICE_ID;
        };
    }

    /** Sends one message, permitted; never throws for an answer of the platform (see {@link SendReceipt}). */
    SendReceipt send(OutgoingMessage message);
}
