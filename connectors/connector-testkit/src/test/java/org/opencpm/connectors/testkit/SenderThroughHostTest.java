package org.opencpm.connectors.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.ConnectorContext;
import org.opencpm.connectors.api.ConnectorDescriptor;
import org.opencpm.connectors.api.ConnectorDescriptor.ConfigKey;
import org.opencpm.connectors.api.ContactChannel;
import org.opencpm.connectors.api.IdentifierType;
import org.opencpm.connectors.api.MessageSender;
import org.opencpm.connectors.api.OutgoingMessage;
import org.opencpm.connectors.api.SendReceipt;
import org.opencpm.connectors.api.SubjectIdentifier;

/** A connector's sender as the host calls it: translated both ways, reasons scrubbed, a throwing sender read as unavailable. */
class SenderThroughHostTest {

    private static final String SECRET = "sk-7f3e9a1b2c";
    private static final OutgoingMessage MESSAGE = new OutgoingMessage("pmt_1", SubjectIdentifier.of(IdentifierType.PHONE, "+8613800138000"),
            "marketing-sms", Optional.of("promotions"), Optional.empty(), Map.of("name", "李雷"));

    /** An SMS gateway whose sender answers with {@code answer}. */
    private static ChannelConnector gateway(Function<OutgoingMessage, SendReceipt> answer) {
        return new ChannelConnector() {
            @Override
            public ConnectorDescriptor descriptor() {
                return new ConnectorDescriptor("sms-test", "SMS test gateway", "1.0.0", Set.of("phone"),
                        List.of(ConfigKey.secret("secret", "the platform's secret")), 1, 0);
            }

            @Override
            public RouteBuilder routes(ConnectorContext context) {
                return new RouteBuilder() {
                    @Override
                    public void configure() {
                        from(context.entryUri()).routeId(context.routeId()).log("nothing to push");
                    }
                };
            }

            @Override
            public Optional<MessageSender> sender(ConnectorContext context) {
                return Optional.of(new MessageSender() {
                    @Override
                    public ContactChannel channel() {
                        return ContactChannel.SMS;
                    }

                    @Override
                    public SendReceipt send(OutgoingMessage message) {
                        return answer.apply(message);
                    }
                });
            }
        };
    }

    private static ConnectorHarness start(Function<OutgoingMessage, SendReceipt> answer) {
        return ConnectorHarness.of(gateway(answer)).config("secret", SECRET).start();
    }

    @Test
    @DisplayName("The host hands the sender the message as the caller asked for it, and the platform's id back")
    void a_message_reaches_the_sender_and_its_id_comes_back() {
        OutgoingMessage[] seen = new OutgoingMessage[1];
        try (ConnectorHarness harness = start(message -> {
            seen[0] = message;
            return SendReceipt.accepted("biz-42");
        })) {
            MessageSender sender = harness.sender().orElseThrow();
            assertThat(sender.channel()).isEqualTo(ContactChannel.SMS);
            assertThat(sender.recipientType()).isEqualTo(IdentifierType.PHONE);
            assertThat(sender.send(MESSAGE)).isEqualTo(SendReceipt.accepted("biz-42"));
            assertThat(seen[0].permitId()).isEqualTo("pmt_1");
            assertThat(seen[0].recipient().value()).isEqualTo("+8613800138000");
            assertThat(seen[0].purpose()).isEqualTo("marketing-sms");
            assertThat(seen[0].topic()).contains("promotions");
            assertThat(seen[0].parameters()).containsEntry("name", "李雷");
        }
    }

    @Test
    @DisplayName("A reason quoting the secret or the number, with or without +86, reaches the caller without them")
    void reasons_are_scrubbed_of_secrets_and_the_recipient() {
        try (ConnectorHarness harness = start(message -> SendReceipt.refused("isv.MOBILE_NUMBER_ILLEGAL",
                "number 13800138000 (+8613800138000) refused for key " + SECRET))) {
            SendReceipt receipt = harness.sender().orElseThrow().send(MESSAGE);
            assertThat(receipt).isInstanceOfSatisfying(SendReceipt.Refused.class, refused -> {
                assertThat(refused.platformCode()).isEqualTo("isv.MOBILE_NUMBER_ILLEGAL");
                assertThat(refused.reason()).doesNotContain("13800138000").doesNotContain(SECRET).contains("refused");
            });
        }
    }

    @Test
    @DisplayName("A sender that throws is read as 'unavailable', its message kept out of the answer and scrubbed in the log")
    void a_throwing_sender_is_unavailable() {
        try (ConnectorHarness harness = start(message -> {
            throw new IllegalStateException("boom with " + SECRET + " for " + message.recipient().value());
        })) {
            SendReceipt receipt = harness.sender().orElseThrow().send(MESSAGE);
            assertThat(receipt).isInstanceOfSatisfying(SendReceipt.Unavailable.class,
                    unavailable -> assertThat(unavailable.reason()).doesNotContain("boom"));
            assertThat(harness.leaks(Set.of(SECRET, "+8613800138000", "13800138000"))).isFalse();
        }
    }

    @Test
    @DisplayName("A connector that sends nothing has no sender")
    void a_connector_without_a_sender_has_none() {
        try (ConnectorHarness harness = ConnectorHarness.of(new org.opencpm.connectors.testkit.sample.MemberConnector())
                .config(org.opencpm.connectors.testkit.sample.MemberConnector.API_KEY, "k")
                .config(org.opencpm.connectors.testkit.sample.MemberConnector.PURPOSES, "loyalty-points").start()) {
            assertThat(harness.sender()).isEmpty();
        }
    }
}
