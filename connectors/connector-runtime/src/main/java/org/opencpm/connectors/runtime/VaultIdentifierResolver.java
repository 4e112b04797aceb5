package org.opencpm.connectors.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.opencpm.application.port.out.IdentityVault;
import org.opencpm.application.port.out.LinkedIdentifier;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.connectors.api.SubjectIdentifier;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;

/** Reads a subject's sealed identifiers of the wanted types and opens them with the vault. */
public final class VaultIdentifierResolver implements IdentifierResolver {

    private final SubjectStore subjects;
    private final IdentityVault vault;

    public VaultIdentifierResolver(SubjectStore subjects, IdentityVault vault) {
        this.subjects = subjects;
        this.vault = vault;
    }

    @Override
    public List<SubjectIdentifier> identifiersOf(String subjectId, Set<String> types) {
        if (types.isEmpty()) {
            return List.of();
        }
        List<SubjectIdentifier> out = new ArrayList<>();
        for (LinkedIdentifier linked : subjects.identifiersOf(SubjectId.of(subjectId))) {
            if (types.contains(linked.type().code())) {
                Identifier identifier = vault.open(linked.sealed());
                out.add(new SubjectIdentifier(identifier.type().code(), identifier.value(), identifier.scope()));
            }
        }
        return out;
    }
}
