package org.opencpm.testfixtures;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.opencpm.application.port.out.AlertStore;
import org.opencpm.domain.alert.Alert;

/** Alerts in memory, for tests; held to {@code AlertStoreContract} as the database is. */
public final class InMemoryAlertStore implements AlertStore {

    private final ConcurrentHashMap<String, Alert> alerts = new ConcurrentHashMap<>();

    @Override
    public void add(Alert alert) {
        alerts.putIfAbsent(alert.id(), alert);
    }

    @Override
    public List<Alert> newest(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return alerts.values().stream()
                .sorted(Comparator.comparing(Alert::raisedAt).thenComparing(Alert::id).reversed())
                .limit(limit).toList();
    }
}
