package org.opencpm.distribution;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.opencpm.distribution.http.ListenerWatchdog;

/**
 * Ready when the decision index is loaded and follows the database's commits within {@link
 * FollowSettings#maxLag()} ({@link DecisionIndexFollowing}), the database answers, the HTTP listener serves
 * requests ({@link ListenerWatchdog}) and the data folder's disk is above its reserve ({@link
 * DataDiskSpace}: below it, writes are refused). {@code dataDisk} says {@code ok}, {@code low}
 * (below the warning level: still ready) or {@code full} — and not how many bytes are free: health
 * answers without a key, and the free bytes (for an operator's alerts) are at {@code /metrics},
 * behind one.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    @Inject
    OpenCpmWiring wiring;

    @Inject
    ListenerWatchdog listener;

    @Inject
    DataDiskSpace disk;

    @Override
    public HealthCheckResponse call() {
        boolean database;
        try (Connection connection = wiring.dataSource().getConnection()) {
            database = connection.isValid(2);
        } catch (SQLException e) {
            database = false;
        }
        DataDiskSpace.State diskState = disk.state();
        boolean current = wiring.isReady() && wiring.following().current();
        return HealthCheckResponse.named("opencpm")
                .status(database && current && listener.serving() && diskState != DataDiskSpace.State.FULL)
                .withData("database", database)
                .withData("decisionIndex", current)
                .withData("listener", listener.serving())
                .withData("dataDisk", diskState.name().toLowerCase(Locale.ROOT))
                .build();
    }
}
