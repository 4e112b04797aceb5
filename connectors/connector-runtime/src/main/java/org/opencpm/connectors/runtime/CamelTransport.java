package org.opencpm.connectors.runtime;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.builder.NoErrorHandlerBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.opencpm.connectors.api.ChangeBatch;

/**
 * The Camel context every connector's routes run in. It has no error handler of its own: failures
 * come back to the {@link Dispatcher}, which retries or gives up. Its HTTP component has the HTTP
 * client's own automatic retries switched off (one retry policy rules), follows no redirects, and
 * waits {@link #HTTP_TIMEOUT} at most unless a route's endpoint says otherwise.
 */
final class CamelTransport implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CamelTransport.class.getName());
    /** How long a connector's HTTP call may take to connect, and to be answered, unless its route says otherwise. */
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final ProducerTemplate producer;

    CamelTransport() {
        camel.getCamelContextExtension().setName("opencpm-connectors");
        camel.getCamelContextExtension().setErrorHandlerFactory(new NoErrorHandlerBuilder());
        for (String scheme : List.of("http", "https")) {
            // One retry policy (the dispatcher's), no redirects, and no request that waits forever:
            // a platform that does not answer in time is a failed attempt. A route may ask for
            // other timeouts on its endpoint URI.
            HttpComponent http = camel.getComponent(scheme, HttpComponent.class);
            http.setHttpClientConfigurer(builder -> builder.disableAutomaticRetries());
            http.setFollowRedirects(false);
            http.setConnectTimeout(HTTP_TIMEOUT.toMillis());
            http.setConnectionRequestTimeout(HTTP_TIMEOUT.toMillis());
            http.setResponseTimeout(HTTP_TIMEOUT.toMillis());
        }
        camel.start();
        producer = camel.createProducerTemplate();
    }

    /** Adds a connector's routes; they start at once. */
    void add(RouteBuilder routes) throws Exception {
        camel.addRoutes(routes);
    }

    boolean hasRoute(String routeId) {
        return camel.getRoute(routeId) != null;
    }

    /** The ids of the routes running now. */
    Set<String> routeIds() {
        return camel.getRoutes().stream().map(Route::getRouteId).collect(Collectors.toCollection(HashSet::new));
    }

    /** Removes every route added since {@code before} was taken (a connector that failed half-way through its start). */
    void removeRoutesAddedSince(Set<String> before) {
        for (String routeId : routeIds()) {
            if (!before.contains(routeId)) {
                remove(routeId);
            }
        }
    }

    void remove(String routeId) {
        try {
            camel.getRouteController().stopRoute(routeId, 5, TimeUnit.SECONDS);
            camel.removeRoute(routeId);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "cannot remove route " + routeId, e);
        }
    }

    /** Sends one message to the route consuming {@code entryUri}; throws what the route threw, else answers the exchange. */
    Exchange send(String entryUri, ChangeBatch batch) throws Exception {
        Exchange sent = producer.send(entryUri, exchange -> exchange.getIn().setBody(batch));
        if (sent.getException() != null) {
            throw sent.getException();
        }
        return sent;
    }

    @Override
    public void close() {
        camel.stop();
    }
}
