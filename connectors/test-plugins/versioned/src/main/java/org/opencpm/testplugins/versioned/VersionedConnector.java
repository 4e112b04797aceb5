package org.opencpm.testplugins.versioned;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.opencpm.connectors.api.ChangeBatch;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.ConnectorContext;
import org.opencpm.connectors.api.ConnectorDescriptor;
import org.opencpm.connectors.api.ConnectorDescriptor.ConfigKey;
import org.pf4j.Extension;

/**
 * POSTs each change as {@code <subject id> <version>} to {@code url}, with the plugin's version in
 * {@code X-Plugin-Version}: the version is read from the zip it runs from ({@code classes/versioned.version}).
 */
@Extension
public final class VersionedConnector implements ChannelConnector {

    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor("versioned", "Versioned (tests)", version(), Set.of(),
                List.of(ConfigKey.required("url", "where the changes are POSTed")), 1, 0);
    }

    @Override
    public RouteBuilder routes(ConnectorContext context) {
        String url = context.config().require("url");
        String version = version();
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(context.entryUri()).routeId(context.routeId())
                        .process(exchange -> {
                            String body = exchange.getIn().getBody(ChangeBatch.class).changes().stream()
                                    .map(c -> c.subjectId() + " " + c.version()).collect(Collectors.joining("\n"));
                            exchange.getIn().removeHeaders("*");
                            exchange.getIn().setHeader(Exchange.HTTP_METHOD, "POST");
                            exchange.getIn().setHeader("X-Plugin-Version", version);
                            exchange.getIn().setBody(body);
                        })
                        .to(url);
            }
        };
    }

    private static String version() {
        try (InputStream in = VersionedConnector.class.getResourceAsStream("/versioned.version")) {
            return in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
