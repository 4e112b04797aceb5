package org.opencpm.application.port.in;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.subject.SubjectId;

/**
 * Who must be asked again because of a material notice version (PIPL Art. 14 ¶2). Subjects are
 * named by their pseudonymous id only, never by an identifier.
 *
 * @param notice         the version asked about
 * @param at             the instant the consents were judged in force at
 * @param people         subjects with at least one such consent, each counted once
 * @param consents       the consents themselves
 * @param byShownVersion consents per older version they were given on, by version
 * @param byPurpose      consents per purpose, by purpose code
 * @param subjects       the first of those subjects, in id order
 */
public record NoticeReconsent(Notice notice, Instant at, long people, long consents, Map<String, Long> byShownVersion,
                              Map<String, Long> byPurpose, List<SubjectId> subjects) {

    public NoticeReconsent {
        byShownVersion = Map.copyOf(byShownVersion);
        byPurpose = Map.copyOf(byPurpose);
        subjects = List.copyOf(subjects);
    }

    /** Whether more subjects are concerned than {@link #subjects} lists. */
    public boolean truncated() {
        return people > subjects.size();
    }
}
