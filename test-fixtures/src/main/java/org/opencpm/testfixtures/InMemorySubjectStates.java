package org.opencpm.testfixtures;

import java.util.Collection;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.opencpm.application.port.out.IdentifierHash;
import org.opencpm.application.port.out.SubjectState;
import org.opencpm.application.port.out.SubjectStateSource;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.subject.SubjectId;

/** Reads subject states out of the in-memory stores, as the JPA adapter reads them out of tables. */
public final class InMemorySubjectStates implements SubjectStateSource {

    private final InMemorySubjectStore subjects;
    private final InMemoryConsentStore consents;
    private final InMemoryPreferenceStore preferences;

    public InMemorySubjectStates(InMemorySubjectStore subjects, InMemoryConsentStore consents, InMemoryPreferenceStore preferences) {
        this.subjects = subjects;
        this.consents = consents;
        this.preferences = preferences;
    }

    @Override
    public void forEachSubject(Consumer<SubjectState> action) {
        subjects.all().stream().filter(subject -> subjects.standsAlone(subject.id())).forEach(subject -> action.accept(new SubjectState(subject, consents.consentsOf(subject.id()),
                preferences.find(subject.id()).orElse(Preferences.none()))));
    }

    @Override
    public void forEachSubjectOf(Collection<SubjectId> ids, Consumer<SubjectState> action) {
        Set.copyOf(ids).stream().filter(subjects::standsAlone).forEach(id -> subjects.find(id).ifPresent(subject ->
                action.accept(new SubjectState(subject, consents.consentsOf(id), preferences.find(id).orElse(Preferences.none())))));
    }

    @Override
    public void forEachIdentifierOf(Collection<SubjectId> ids, BiConsumer<IdentifierHash, SubjectId> action) {
        Set<SubjectId> wanted = Set.copyOf(ids);
        subjects.links().forEach((hash, subject) -> {
            if (wanted.contains(subject)) {
                action.accept(hash, subject);
            }
        });
    }

    @Override
    public void forEachIdentifier(BiConsumer<IdentifierHash, SubjectId> action) {
        subjects.links().forEach(action);
    }
}
