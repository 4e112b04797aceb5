package org.opencpm.distribution.http;

import io.helidon.http.DirectHandler;
import io.helidon.microprofile.server.ServerCdiExtension;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.DirectHandlers;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.interceptor.Interceptor;
import java.lang.reflect.Method;

/**
 * Gives the web server the {@link ProblemDirectHandler} for every kind of answer Helidon makes
 * outside routing, before the server is built.
 *
 * <p>Helidon MP 4.1.6 has no configuration key for direct handlers and keeps the server's builder
 * package-private ({@code ServerCdiExtension.serverBuilder()}, helidon-io/helidon#7939), so it is
 * reached here by reflection (the distribution runs on the class path, where that is allowed). If
 * a later Helidon removes the method, the server does not start: it says so rather than quietly
 * answering bad requests in plain text without OpenCPM's safe headers.
 */
@ApplicationScoped
public class DirectHandlerSetup {

    void install(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER) @Initialized(ApplicationScoped.class) Object started,
                 BeanManager beans) {
        serverBuilder(beans.getExtension(ServerCdiExtension.class)).directHandlers(handlers());
    }

    /** The same handler for every event type. */
    static DirectHandlers handlers() {
        DirectHandler handler = new ProblemDirectHandler();
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    private static WebServerConfig.Builder serverBuilder(ServerCdiExtension server) {
        try {
            Method method = ServerCdiExtension.class.getDeclaredMethod("serverBuilder");
            method.setAccessible(true);
            return (WebServerConfig.Builder) method.invoke(server);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot install OpenCPM's answers to malformed requests: this Helidon version no longer "
                    + "offers ServerCdiExtension.serverBuilder() (" + e + ")", e);
        }
    }
}
