package org.opencpm.adapters.rest;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.opencpm.application.port.out.MessageGateway;
import org.opencpm.application.port.out.MessageGateways;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.subject.IdentifierType;

/**
 * An SMS gateway {@code sms-test} for the messages API tests: keeps what it was asked to send and
 * answers as {@link #platform} says (accepted, with {@code biz-<permitId>}, until a test says otherwise).
 */
final class SmsTestGateway implements MessageGateway {

    final List<Message> sent = new CopyOnWriteArrayList<>();
    volatile Function<Message, Receipt> platform = m -> new Accepted("biz-" + m.permitId());

    /** A fresh gateway, installed in the in-memory wiring as {@code sms-test}. */
    static SmsTestGateway installed() {
        SmsTestGateway gateway = new SmsTestGateway();
        InMemoryWiring.CPM.gateways = id -> id.equals("sms-test") ? Optional.of(gateway) : Optional.empty();
        return gateway;
    }

    static void uninstall() {
        InMemoryWiring.CPM.gateways = MessageGateways.NONE;
    }

    @Override
    public ContactChannel channel() {
        return ContactChannel.SMS;
    }

    @Override
    public IdentifierType recipientType() {
        return IdentifierType.PHONE;
    }

    @Override
    public Receipt send(Message message) {
        sent.add(message);
        return platform.apply(message);
    }
}
