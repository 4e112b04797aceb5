package org.opencpm.application.port.in;

import java.util.List;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * Merge two subjects that turn out to be one person (PIPL Art. 46): {@code from} is absorbed by
 * {@code into}, its identifiers lead to {@code into}, for each purpose the newer choice is in
 * force, and both histories read as one.
 */
public interface MergeSubjectsUseCase {

    /**
     * @throws org.opencpm.application.SubjectNotFoundException when either is unknown
     * @throws org.opencpm.application.SubjectsNotMergeableException when they are the same, or either was merged already
     */
    Merged merge(SubjectId into, SubjectId from, Actor actor);

    /**
     * @param purposesCarried the purposes whose consent is now {@code from}'s
     * @param version         {@code into}'s version after the merge
     */
    record Merged(SubjectId into, SubjectId from, List<PurposeCode> purposesCarried, int identifiersMoved, long version) {
        public Merged {
            purposesCarried = List.copyOf(purposesCarried);
        }
    }
}
