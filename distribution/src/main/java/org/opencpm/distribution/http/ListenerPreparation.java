package org.opencpm.distribution.http;

import io.helidon.common.HelidonServiceLoader;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Before the web server is built: leaves {@link TimedHttp1Connections} as the only HTTP/1
 * connection provider, by adding Helidon's own to the service exclusions Helidon reads from the
 * system property {@value HelidonServiceLoader#SYSTEM_PROPERTY_EXCLUDE}.
 */
public class ListenerPreparation implements Extension {

    static final String HELIDON_HTTP1 = "io.helidon.webserver.http1.Http1ConnectionProvider";

    void exclude(@Observes BeforeBeanDiscovery event) {
        String excluded = System.getProperty(HelidonServiceLoader.SYSTEM_PROPERTY_EXCLUDE, "");
        if (!excluded.contains(HELIDON_HTTP1)) {
            System.setProperty(HelidonServiceLoader.SYSTEM_PROPERTY_EXCLUDE, excluded.isBlank() ? HELIDON_HTTP1 : excluded + "," + HELIDON_HTTP1);
        }
    }
}
