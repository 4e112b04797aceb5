package org.opencpm.application.port.out;

import java.util.List;
import org.opencpm.domain.alert.Alert;

/** The alerts raised, kept for the auditors (PIPL Art. 54: the handler audits itself, and shows it). */
public interface AlertStore {

    /** Keeps {@code alert}; an alert with the same id is not kept twice. */
    void add(Alert alert);

    /** The newest {@code limit} alerts, newest first (by raisedAt, then id); none when {@code limit} is not positive. */
    List<Alert> newest(int limit);
}
