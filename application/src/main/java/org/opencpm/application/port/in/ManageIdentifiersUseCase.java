package org.opencpm.application.port.in;

import java.util.List;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;

/**
 * Correct the identifiers a subject is known by (PIPL Art. 46): add a new phone, drop an old
 * e-mail. Each change is one audit event and one change for the connectors.
 */
public interface ManageIdentifiersUseCase {

    /**
     * Links {@code identifiers} to the subject. One already linked to it changes nothing.
     *
     * @throws org.opencpm.application.SubjectNotFoundException when the subject is unknown
     * @throws org.opencpm.application.SubjectMergedException when it was merged into another
     * @throws org.opencpm.application.IdentifierLinkedElsewhereException when one leads to another subject
     */
    IdentifiersChanged add(SubjectId subject, List<Identifier> identifiers, Actor actor);

    /**
     * Unlinks {@code identifiers} from the subject. One that does not lead to it (unknown, or
     * another subject's) changes nothing and is not told apart, so the answer reveals nothing of
     * other people; a removal repeated is a no-op.
     *
     * @throws org.opencpm.application.LastIdentifierException when the subject would keep none
     */
    IdentifiersChanged remove(SubjectId subject, List<Identifier> identifiers, Actor actor);

    /**
     * What a change did.
     *
     * @param changed how many identifiers were linked or unlinked (0: nothing changed, no event)
     * @param version the subject's version after it
     */
    record IdentifiersChanged(SubjectId subject, int changed, long version) {
    }
}
