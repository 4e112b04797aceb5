package org.opencpm.distribution;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.opencpm.distribution.http.ListenerWatchdog;

/** Ready when the decision index is loaded, the database answers and the HTTP listener accepts connections. */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    @Inject
    OpenCpmWiring wiring;

    @Inject
    ListenerWatchdog listener;

    @Override
    public HealthCheckResponse call() {
        boolean database;
        try (Connection connection = wiring.dataSource().getConnection()) {
            database = connection.isValid(2);
        } catch (SQLException e) {
            database = false;
        }
        return HealthCheckResponse.named("opencpm")
                .status(database && wiring.isReady() && listener.answering())
                .withData("database", database)
                .withData("decisionIndex", wiring.isReady())
                .withData("listener", listener.answering())
                .build();
    }
}
