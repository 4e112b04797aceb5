package org.opencpm.application.port.in;

/**
 * How a connector's inbound events fared on this node since it started: recorded, duplicates
 * (recorded before under the same id), refused by a rule, failed to record.
 */
public record InboundCounts(long recorded, long duplicates, long refused, long failed) {

    public static final InboundCounts NONE = new InboundCounts(0, 0, 0, 0);
}
