package org.opencpm.testfixtures.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.out.AlertStore;
import org.opencpm.domain.alert.Alert;
import org.opencpm.domain.alert.AlertSeverity;

/**
 * What every {@link AlertStore} must do: give back an alert as it was written, its detail whole
 * (Chinese too, at the longest), newest first, never twice. Run on the in-memory store and on H2,
 * PostgreSQL and MariaDB ({@code JpaAlertStoreContract}). The store may be shared between tests:
 * each writes alerts raised a day after the newest already there, and reads the newest.
 */
public abstract class AlertStoreContract {

    protected abstract AlertStore store();

    /** A day after the newest alert in the store (whole milliseconds, as the store keeps them). */
    private Instant later() {
        return store().newest(1).stream().findFirst().map(a -> a.raisedAt().plusSeconds(86_400))
                .orElse(Instant.parse("2100-01-01T00:00:00Z"));
    }

    private static Alert alert(String rule, Instant at, Map<String, String> detail) {
        return new Alert(UUID.randomUUID().toString(), rule, AlertSeverity.CRITICAL, at, detail);
    }

    @Test
    void alerts_read_back_as_written_newest_first() {
        Instant at = later().plusMillis(123);
        Alert older = alert("auth-failures", at, Map.of("count", "101", "max", "100"));
        Alert newer = new Alert(UUID.randomUUID().toString(), "overdue-rights", AlertSeverity.WARNING, at.plusMillis(1),
                Map.of("overdue", "3", "说明", "逾期".repeat(Alert.MAX_DETAIL_VALUE / 2)));
        store().add(older);
        store().add(newer);

        assertThat(store().newest(2)).containsExactly(newer, older);
        assertThat(store().newest(1)).containsExactly(newer);
        assertThat(store().newest(0)).isEmpty();
    }

    @Test
    void an_alert_is_kept_once() {
        Alert alert = alert("grant-burst", later(), Map.of("source", "ip:203.0.113.0/24"));
        store().add(alert);
        store().add(alert);

        List<Alert> newest = store().newest(2);
        assertThat(newest.get(0)).isEqualTo(alert);
        assertThat(newest).filteredOn(a -> a.id().equals(alert.id())).hasSize(1);
    }

    @Test
    void an_alert_with_no_detail_reads_back() {
        Alert alert = alert("quiet-hours", later(), Map.of());
        store().add(alert);

        assertThat(store().newest(1)).containsExactly(alert);
    }
}
