package org.opencpm.application.fake;

import org.opencpm.application.Ports;
import org.opencpm.application.port.out.Clock;

/** A service as ADR 0002 wants it: it takes {@link Ports} and keeps only the port it uses. Test code only. */
public class PicksItsPorts {

    private final Clock clock;

    public PicksItsPorts(Ports ports) {
        this.clock = ports.clock();
    }

    public Clock clock() {
        return clock;
    }
}
