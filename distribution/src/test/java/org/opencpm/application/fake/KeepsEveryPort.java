package org.opencpm.application.fake;

import org.opencpm.application.Ports;

/** A deliberately wrong service that keeps the whole {@link Ports} record, to prove the rule can fail. Test code only. */
public class KeepsEveryPort {

    private final Ports ports;

    public KeepsEveryPort(Ports ports) {
        this.ports = ports;
    }

    public Ports ports() {
        return ports;
    }
}
