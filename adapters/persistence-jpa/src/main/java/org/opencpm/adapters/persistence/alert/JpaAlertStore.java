package org.opencpm.adapters.persistence.alert;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.adapters.persistence.JsonText;
import org.opencpm.application.port.out.AlertStore;
import org.opencpm.domain.alert.Alert;
import org.opencpm.domain.alert.AlertSeverity;

/** Risk alerts in {@code risk_alert}: one insert each (an id already there is left alone), read newest first. */
public final class JpaAlertStore implements AlertStore {

    private final JpaTransactions tx;

    public JpaAlertStore(JpaTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void add(Alert alert) {
        tx.write(em -> {
            if (em.find(AlertJpaEntity.class, alert.id()) == null) {
                AlertJpaEntity row = new AlertJpaEntity();
                row.id = alert.id();
                row.rule = alert.rule();
                row.severity = alert.severity().code();
                row.raisedAt = alert.raisedAt().toEpochMilli();
                JsonObjectBuilder detail = JsonText.object();
                alert.detail().forEach(detail::add);
                row.detail = JsonText.write(detail.build());
                em.persist(row);
            }
            return null;
        });
    }

    @Override
    public List<Alert> newest(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return tx.read(em -> em.createQuery("SELECT a FROM AlertJpaEntity a ORDER BY a.raisedAt DESC, a.id DESC", AlertJpaEntity.class)
                .setMaxResults(limit).getResultList().stream().map(JpaAlertStore::toAlert).toList());
    }

    private static Alert toAlert(AlertJpaEntity row) {
        Map<String, String> detail = new LinkedHashMap<>();
        JsonText.readObject(row.detail).forEach((name, value) -> detail.put(name, ((JsonString) value).getString()));
        return new Alert(row.id, row.rule, AlertSeverity.fromCode(row.severity), Instant.ofEpochMilli(row.raisedAt), detail);
    }
}
