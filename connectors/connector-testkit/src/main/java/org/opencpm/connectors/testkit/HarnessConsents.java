package org.opencpm.connectors.testkit;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.opencpm.application.port.in.WalkConsentersUseCase;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * The consents the harness was told of ({@code grant}, {@code withdraw}), each subject's latest
 * version per purpose: what a reconciliation in the harness walks, standing in for the
 * application's decision index. A purpose is known once a change named it.
 */
final class HarnessConsents implements WalkConsentersUseCase {

    private record Latest(long version, boolean granted) {
    }

    private final Map<String, Map<String, Latest>> bySubject = new ConcurrentHashMap<>();

    /** A change of {@code subjectId}'s consent to {@code purpose}; an older version than the one known changes nothing. */
    void changed(String subjectId, String purpose, boolean granted, long version) {
        bySubject.computeIfAbsent(subjectId, s -> new ConcurrentHashMap<>())
                .merge(purpose, new Latest(version, granted), (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
    }

    @Override
    public Set<PurposeCode> purposes(Set<PurposeCode> asked) {
        if (!asked.isEmpty()) {
            return Set.copyOf(asked);
        }
        Set<PurposeCode> known = new HashSet<>();
        bySubject.values().forEach(consents -> consents.keySet().forEach(p -> known.add(PurposeCode.of(p))));
        return Set.copyOf(known);
    }

    @Override
    public long forEachConsenter(Set<PurposeCode> purposes, Consumer<SubjectId> consenter) {
        long given = 0;
        for (Map.Entry<String, Map<String, Latest>> subject : bySubject.entrySet()) {
            boolean consents = purposes.stream().map(p -> subject.getValue().get(p.value())).anyMatch(l -> l != null && l.granted());
            if (consents) {
                consenter.accept(SubjectId.of(subject.getKey()));
                given++;
            }
        }
        return given;
    }
}
