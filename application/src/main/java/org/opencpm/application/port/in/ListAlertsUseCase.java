package org.opencpm.application.port.in;

import java.util.List;
import org.opencpm.domain.alert.Alert;

/** The risk alerts raised, newest first: for admins and auditors. */
public interface ListAlertsUseCase {

    /** The most alerts one listing gives. */
    int MAX_LIMIT = 1000;

    /** The newest {@code limit} alerts (clamped to 1..{@link #MAX_LIMIT}), newest first. */
    List<Alert> newest(int limit);
}
