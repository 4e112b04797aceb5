package org.opencpm.plugins.smstencent;

import java.util.Optional;
import java.util.Set;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.ConnectorContext;
import org.opencpm.connectors.api.ConnectorDescriptor;
import org.opencpm.connectors.api.InboundHandler;
import org.opencpm.connectors.api.MessageSender;
import org.pf4j.Extension;

/**
 * The {@code sms-tencent} connector: a send gateway to Tencent Cloud SMS ({@link SmsSender}) and an
 * unsubscribe inbox for its reply callback ({@link ReplyInbox}); its keys are in
 * {@link SmsTencentSettings#KEYS} and the plugin's README.
 *
 * <p>A consent change has nothing to tell Tencent: Tencent keeps no consent, OpenCPM simply stops
 * giving send permits for the person. The route therefore settles every change it is handed
 * without a request (and asks for no identifier, so none is decrypted for it).
 */
@Extension
public final class SmsTencentConnector implements ChannelConnector {

    static final String ID = "sms-tencent";
    static final String VERSION = "1.0.0";

    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor(ID, "Tencent Cloud SMS", VERSION, Set.of(), SmsTencentSettings.KEYS, 1, 0);
    }

    @Override
    public RouteBuilder routes(ConnectorContext context) {
        SmsTencentSettings.of(context.config());
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(context.entryUri()).routeId(context.routeId())
                        .log(LoggingLevel.DEBUG, "a consent change settled: Tencent Cloud SMS keeps no consent, send permits follow it");
            }
        };
    }

    @Override
    public Optional<InboundHandler> inbound(ConnectorContext context) {
        return Optional.of(new ReplyInbox(SmsTencentSettings.of(context.config())));
    }

    @Override
    public Optional<MessageSender> sender(ConnectorContext context) {
        return Optional.of(new SmsSender(SmsTencentSettings.of(context.config()), context.clock()));
    }
}
