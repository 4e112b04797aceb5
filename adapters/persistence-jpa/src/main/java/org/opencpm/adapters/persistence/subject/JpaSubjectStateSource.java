package org.opencpm.adapters.persistence.subject;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.opencpm.adapters.persistence.consent.JpaConsentStore;
import org.opencpm.adapters.persistence.preference.JpaPreferenceStore;
import org.opencpm.application.port.out.IdentifierHash;
import org.opencpm.application.port.out.SubjectState;
import org.opencpm.application.port.out.SubjectStateSource;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.Subject;
import org.opencpm.domain.subject.SubjectId;

/**
 * Reads every subject's state and every identifier link out of the tables, to fill the decision
 * index at start: subjects a page of {@value #SUBJECT_PAGE} at a time in id order, each page with
 * its consents and preferences in two more queries; links a page of {@value #LINK_PAGE} at a
 * time in hash order. Nothing but the current page is held. Each page is read on its own, so
 * changes committed during the walk may or may not be seen: the index learns of those after
 * their commit anyway. The states and links of a few subjects, for following other nodes'
 * commits, are read by id in the same few queries.
 */
public final class JpaSubjectStateSource implements SubjectStateSource {

    static final int SUBJECT_PAGE = 500;
    static final int LINK_PAGE = 2000;

    private final JpaSubjectStore subjects;
    private final JpaConsentStore consents;
    private final JpaPreferenceStore preferences;

    public JpaSubjectStateSource(JpaSubjectStore subjects, JpaConsentStore consents, JpaPreferenceStore preferences) {
        this.subjects = subjects;
        this.consents = consents;
        this.preferences = preferences;
    }

    @Override
    public void forEachSubject(Consumer<SubjectState> action) {
        Optional<String> after = Optional.empty();
        List<Subject> page;
        do {
            page = subjects.page(after, SUBJECT_PAGE);
            if (page.isEmpty()) {
                return;
            }
            List<SubjectId> ids = page.stream().map(Subject::id).toList();
            Map<SubjectId, Map<PurposeCode, Consent>> consentsOf = consents.consentsOf(ids);
            Map<SubjectId, Preferences> preferencesOf = preferences.findAll(ids);
            for (Subject subject : page) {
                action.accept(new SubjectState(subject, consentsOf.getOrDefault(subject.id(), Map.of()),
                        preferencesOf.getOrDefault(subject.id(), Preferences.none())));
            }
            after = Optional.of(page.get(page.size() - 1).id().value());
        } while (page.size() == SUBJECT_PAGE);
    }

    /** Three queries (subjects, their consents, their preferences), the subjects first. */
    @Override
    public void forEachSubjectOf(Collection<SubjectId> ids, Consumer<SubjectState> action) {
        List<Subject> own = subjects.ownOf(ids);
        if (own.isEmpty()) {
            return;
        }
        List<SubjectId> found = own.stream().map(Subject::id).toList();
        Map<SubjectId, Map<PurposeCode, Consent>> consentsOf = consents.consentsOf(found);
        Map<SubjectId, Preferences> preferencesOf = preferences.findAll(found);
        for (Subject subject : own) {
            action.accept(new SubjectState(subject, consentsOf.getOrDefault(subject.id(), Map.of()),
                    preferencesOf.getOrDefault(subject.id(), Preferences.none())));
        }
    }

    @Override
    public void forEachIdentifierOf(Collection<SubjectId> ids, BiConsumer<IdentifierHash, SubjectId> action) {
        subjects.linksOf(ids).forEach(link -> action.accept(link.hash(), link.subject()));
    }

    @Override
    public void forEachIdentifier(BiConsumer<IdentifierHash, SubjectId> action) {
        Optional<String> after = Optional.empty();
        List<JpaSubjectStore.Link> page;
        do {
            page = subjects.linkPage(after, LINK_PAGE);
            page.forEach(link -> action.accept(link.hash(), link.subject()));
            if (!page.isEmpty()) {
                after = Optional.of(page.get(page.size() - 1).hash().hex());
            }
        } while (page.size() == LINK_PAGE);
    }
}
