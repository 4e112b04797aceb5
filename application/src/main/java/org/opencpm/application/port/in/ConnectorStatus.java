package org.opencpm.application.port.in;

import org.opencpm.application.port.out.ConnectorInfo;
import org.opencpm.application.port.out.DeliveryCounts;

/** A connector, how its deliveries stand, and how its inbound events fared. */
public record ConnectorStatus(ConnectorInfo connector, DeliveryCounts deliveries, InboundCounts inbound) {

    public ConnectorStatus(ConnectorInfo connector, DeliveryCounts deliveries) {
        this(connector, deliveries, InboundCounts.NONE);
    }
}
