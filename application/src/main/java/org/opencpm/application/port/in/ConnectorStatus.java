package org.opencpm.application.port.in;

import org.opencpm.application.port.out.ConnectorInfo;
import org.opencpm.application.port.out.DeliveryCounts;

/** A connector and how its deliveries stand. */
public record ConnectorStatus(ConnectorInfo connector, DeliveryCounts deliveries) {
}
