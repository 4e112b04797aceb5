package org.opencpm.plugins.smsaliyun;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencpm.connectors.api.ConnectorConfig;
import org.opencpm.connectors.api.ConnectorContext;
import org.opencpm.connectors.api.ConnectorDescriptor;
import org.opencpm.connectors.api.IdentifierType;
import org.opencpm.connectors.api.InboundRequest;
import org.opencpm.connectors.api.MessageSender;
import org.opencpm.connectors.api.OutgoingMessage;
import org.opencpm.connectors.api.SubjectIdentifier;

/** The configuration, contexts and messages the tests share. */
final class Fixtures {

    static final String KEY_ID = "LTAI5tRk9Xq2ZbTest";
    static final String KEY_SECRET = "s3cr3t-AccessKeySecret-4f1c8e";
    static final String TOKEN = "inb-7d41a9c0e2b64f1f9a0c5e83b17d2a96";
    static final String SIGN_NAME = "开放同意";
    static final String TEMPLATE = "SMS_154950909";
    static final Set<String> SECRETS = Set.of(KEY_SECRET, TOKEN);
    /** The host's clock in the sender tests: x-acs-date is exact. */
    static final Instant NOW = Instant.parse("2026-12-04T08:30:15Z");

    /** Besides enabled and baseUrl, which the harness sets. */
    static final Map<String, String> CONFIG = Map.of(SmsAliyunConnector.ACCESS_KEY_ID, KEY_ID,
            SmsAliyunConnector.ACCESS_KEY_SECRET, KEY_SECRET, SmsAliyunConnector.SIGN_NAME, SIGN_NAME,
            SmsAliyunConnector.TEMPLATE_CODE, TEMPLATE, SmsAliyunConnector.INBOUND_TOKEN, TOKEN,
            SmsAliyunConnector.UNSUBSCRIBE_PURPOSES, "marketing-sms");

    private Fixtures() {
    }

    /** A context as the host gives it, outside the host: the sender and the inbox under test directly. */
    record TestContext(ConnectorConfig config, Clock clock) implements ConnectorContext {
        @Override
        public ConnectorDescriptor descriptor() {
            return new SmsAliyunConnector().descriptor();
        }
    }

    static ConnectorContext context(String baseUrl, Map<String, String> changes) {
        Map<String, String> values = new HashMap<>(CONFIG);
        values.put("baseUrl", baseUrl);
        values.putAll(changes);
        values.values().removeIf(String::isEmpty);
        return new TestContext(new ConnectorConfig(values, Set.of(SmsAliyunConnector.ACCESS_KEY_SECRET, SmsAliyunConnector.INBOUND_TOKEN)),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static MessageSender sender(String baseUrl) {
        return sender(baseUrl, Map.of());
    }

    static MessageSender sender(String baseUrl, Map<String, String> changes) {
        return new SmsAliyunConnector().sender(context(baseUrl, changes)).orElseThrow();
    }

    static OutgoingMessage message(String permitId, String phone, Map<String, String> parameters) {
        return new OutgoingMessage(permitId, SubjectIdentifier.of(IdentifierType.PHONE, phone), "marketing-sms", Optional.of("promotions"),
                Optional.empty(), parameters);
    }

    /** An SmsUp push as Alibaba Cloud sends it to the hook, with {@code token} (none when null). */
    static InboundRequest push(String body, String token) {
        return new InboundRequest("smsup", "POST", token == null ? Map.of() : Map.of("token", List.of(token)),
                Map.of("Content-Type", List.of("application/json")), body.getBytes(StandardCharsets.UTF_8));
    }
}
