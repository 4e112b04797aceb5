package org.opencpm.application.subject;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.opencpm.application.IdentifiersConflictException;
import org.opencpm.application.port.out.IdentifierHash;
import org.opencpm.application.port.out.IdentityVault;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;

/**
 * Finds the subject that a set of identifiers leads to, by their keyed hashes. Identifiers that
 * lead to two different subjects are a conflict: OpenCPM never merges people by itself.
 */
public final class SubjectResolver {

    private final IdentityVault vault;

    public SubjectResolver(IdentityVault vault) {
        this.vault = vault;
    }

    /** Each identifier with its hash, in the order given. */
    public Map<Identifier, IdentifierHash> hashes(List<Identifier> identifiers) {
        Map<Identifier, IdentifierHash> hashes = new LinkedHashMap<>();
        for (Identifier identifier : identifiers) {
            hashes.computeIfAbsent(identifier, vault::hash);
        }
        return hashes;
    }

    /** Where each identifier hash leads: to a subject, or nowhere yet. */
    public record Resolution(Map<IdentifierHash, Optional<SubjectId>> owners) {

        /** The one subject they lead to, or empty when none is known. */
        public Optional<SubjectId> subject() {
            Set<SubjectId> found = new LinkedHashSet<>();
            owners.values().forEach(owner -> owner.ifPresent(found::add));
            if (found.size() > 1) {
                throw new IdentifiersConflictException(found.size());
            }
            return found.stream().findFirst();
        }

        /** Whether {@code hash} leads nowhere yet: its identifier is new. */
        public boolean isNew(IdentifierHash hash) {
            return owners.getOrDefault(hash, Optional.empty()).isEmpty();
        }
    }

    /** Looks each hash up once through {@code lookup}. */
    public Resolution lookUp(Iterable<IdentifierHash> hashes, Function<IdentifierHash, Optional<SubjectId>> lookup) {
        Map<IdentifierHash, Optional<SubjectId>> owners = new LinkedHashMap<>();
        for (IdentifierHash hash : hashes) {
            owners.computeIfAbsent(hash, lookup);
        }
        return new Resolution(owners);
    }

    /**
     * The one subject the hashes lead to through {@code lookup}, or empty when none is known.
     *
     * @throws IdentifiersConflictException when they lead to more than one
     */
    public Optional<SubjectId> resolve(Iterable<IdentifierHash> hashes, Function<IdentifierHash, Optional<SubjectId>> lookup) {
        return lookUp(hashes, lookup).subject();
    }
}
