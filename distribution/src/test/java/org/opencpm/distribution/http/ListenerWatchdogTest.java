package org.opencpm.distribution.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.microprofile.server.ServerCdiExtension;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The watchdog stops before the server does, so that a closed port at shutdown is not reported as a failed listener. */
class ListenerWatchdogTest {

    @Test
    void the_watchdog_stops_before_helidon_stops_the_server() throws Exception {
        Method helidonStops = ServerCdiExtension.class.getDeclaredMethod("stopServer", Object.class);
        Method watchdogStops = ListenerWatchdog.class.getDeclaredMethod("beforeShutdown", Object.class);

        assertThat(observesBeforeApplicationScopeEnds(helidonStops)).as("Helidon 4.1.6 still stops its server on this event").isTrue();
        assertThat(observesBeforeApplicationScopeEnds(watchdogStops)).isTrue();
        assertThat(priority(watchdogStops)).as("observer order: lower first").isLessThan(priority(helidonStops));
    }

    private static boolean observesBeforeApplicationScopeEnds(Method observer) {
        return annotations(observer).stream().anyMatch(a -> a instanceof BeforeDestroyed destroyed && destroyed.value() == ApplicationScoped.class);
    }

    private static int priority(Method observer) {
        return annotations(observer).stream().filter(Priority.class::isInstance).map(Priority.class::cast).findFirst().orElseThrow().value();
    }

    private static List<Annotation> annotations(Method observer) {
        return Arrays.asList(observer.getParameterAnnotations()[0]);
    }
}
