package org.opencpm.plugins.smsaliyun;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.ConnectorApi;
import org.opencpm.connectors.api.ConnectorContext;
import org.opencpm.connectors.api.ConnectorDescriptor;
import org.opencpm.connectors.api.ConnectorDescriptor.ConfigKey;
import org.opencpm.connectors.api.InboundHandler;
import org.opencpm.connectors.api.MessageSender;
import org.opencpm.connectors.api.UnsubscribeKeywords;
import org.pf4j.Extension;

/**
 * The {@code sms-aliyun} connector: Alibaba Cloud SMS as a send gateway ({@link SendSmsSender}) and an
 * unsubscribe inbox ({@link SmsUpInbox}). Its configuration is {@code conf/connectors/sms-aliyun.properties}
 * (every key in the descriptor, and in the plugin's README).
 *
 * <p>Consent changes: a gateway has nothing to push when a consent changes — the host simply stops
 * granting send permits for it — so the route takes each change and settles it, calling nothing. The
 * connector asks for no identifiers on them: no phone is decrypted for a change it does not send.
 */
@Extension
public final class SmsAliyunConnector implements ChannelConnector {

    static final String ID = "sms-aliyun";
    static final String VERSION = "1.0.0";
    static final String ACCESS_KEY_ID = "accessKeyId";
    static final String ACCESS_KEY_SECRET = "accessKeySecret";
    static final String SIGN_NAME = "signName";
    static final String TEMPLATE_CODE = "templateCode";
    static final String INBOUND_TOKEN = "inboundToken";
    static final String UNSUBSCRIBE_PURPOSES = "unsubscribePurposes";
    static final String TIMEOUT_MILLIS = "timeoutMillis";

    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor(ID, "Alibaba Cloud SMS", VERSION, Set.of(), List.of(
                ConfigKey.optional(ConnectorApi.BASE_URL, "Dysmsapi's endpoint (default " + Settings.DEFAULT_BASE_URL + ")"),
                ConfigKey.required(ACCESS_KEY_ID, "the AccessKey ID of a RAM user allowed dysms:SendSms"),
                ConfigKey.secret(ACCESS_KEY_SECRET, "its AccessKey secret (signs every request, ACS3-HMAC-SHA256)"),
                ConfigKey.required(SIGN_NAME, "the approved SMS signature (签名) every message is sent with"),
                ConfigKey.optional(TEMPLATE_CODE, "the approved template (SMS_…) sent when the caller names none"),
                ConfigKey.secret(INBOUND_TOKEN, "the token the SmsUp push URL carries (?token=…): a long random string"),
                ConfigKey.optional(UnsubscribeKeywords.KEY, "replies that unsubscribe, comma-separated (default T,TD,退订,N,R)"),
                ConfigKey.optional(ConnectorApi.PURPOSES, "the purposes whose changes the connector is sent (it settles them:"
                        + " nothing to push); also what a reply withdraws when unsubscribePurposes is not set"),
                ConfigKey.optional(UNSUBSCRIBE_PURPOSES, "the marketing purposes an unsubscribe reply withdraws, comma-separated"
                        + " (default: purposes; one of the two is required)"),
                ConfigKey.optional(TIMEOUT_MILLIS, "how long a send waits to connect, and again for the answer, in ms (default "
                        + Settings.DEFAULT_TIMEOUT_MILLIS + ", 100–60000)")),
                1, 0);
    }

    /** Checks the configuration (a bad one fails the start, naming the key) and settles every consent change. */
    @Override
    public RouteBuilder routes(ConnectorContext context) {
        Settings.of(context.config());
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(context.entryUri()).routeId(context.routeId()).process(SmsAliyunConnector::settle);
            }
        };
    }

    /**
     * Nothing to push: the gateway learns of a withdrawal by no longer getting send permits for it.
     * The change is dropped from the exchange, which then completes: delivered.
     */
    private static void settle(Exchange change) {
        change.getIn().setBody(null);
    }

    @Override
    public Optional<InboundHandler> inbound(ConnectorContext context) {
        return Optional.of(new SmsUpInbox(Settings.of(context.config())));
    }

    @Override
    public Optional<MessageSender> sender(ConnectorContext context) {
        Settings settings = Settings.of(context.config());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return Optional.of(new SendSmsSender(settings, context.clock(), () -> UUID.randomUUID().toString().replace("-", ""), http));
    }
}
