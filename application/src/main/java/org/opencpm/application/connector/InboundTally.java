package org.opencpm.application.connector;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.opencpm.application.port.in.InboundCounts;
import org.opencpm.application.port.out.InboundEventResult;

/**
 * Counts each connector's inbound events by what became of them, on this node since it started,
 * for {@code /metrics} and the connectors list: a refusal is seen there, not only in a log line.
 */
final class InboundTally {

    private final Map<String, LongAdder[]> byConnector = new ConcurrentHashMap<>();

    void add(String connectorId, List<InboundEventResult> results) {
        if (results.isEmpty()) {
            return;
        }
        LongAdder[] counts = byConnector.computeIfAbsent(connectorId, id -> {
            LongAdder[] fresh = new LongAdder[InboundEventResult.Kind.values().length];
            for (int i = 0; i < fresh.length; i++) {
                fresh[i] = new LongAdder();
            }
            return fresh;
        });
        results.forEach(result -> counts[result.kind().ordinal()].increment());
    }

    InboundCounts of(String connectorId) {
        LongAdder[] counts = byConnector.get(connectorId);
        if (counts == null) {
            return InboundCounts.NONE;
        }
        return new InboundCounts(counts[InboundEventResult.Kind.RECORDED.ordinal()].sum(), counts[InboundEventResult.Kind.DUPLICATE.ordinal()].sum(),
                counts[InboundEventResult.Kind.REFUSED.ordinal()].sum(), counts[InboundEventResult.Kind.FAILED.ordinal()].sum());
    }
}
