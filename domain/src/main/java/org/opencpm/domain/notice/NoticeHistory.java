package org.opencpm.domain.notice;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.opencpm.domain.Checks;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.purpose.PurposeCode;

/** The published versions of one notice code, in the order they were published. */
public record NoticeHistory(String code, List<Notice> versions) {

    public NoticeHistory {
        Checks.requiredText(code, "notice.code");
        versions = Checks.copyOf(versions, "versions").stream()
                .sorted(Comparator.comparingInt(Notice::revision))
                .toList();
        for (int i = 0; i < versions.size(); i++) {
            Notice version = versions.get(i);
            if (!version.ref().code().equals(code) || version.revision() != i + 1) {
                throw new InvalidValueException("versions", "must be the revisions 1..n of notice " + code);
            }
        }
    }

    public static NoticeHistory empty(String code) {
        return new NoticeHistory(code, List.of());
    }

    /** The revision the next published version of this code gets. */
    public int nextRevision() {
        return versions.size() + 1;
    }

    public Optional<Notice> find(String version) {
        return versions.stream().filter(n -> n.ref().version().equals(version)).findFirst();
    }

    /**
     * The first version published after {@code revision} that is material and covers
     * {@code purpose}: the one that makes a consent given on {@code revision} outdated.
     */
    public Optional<Notice> materialChangeAfter(int revision, PurposeCode purpose) {
        return versions.stream()
                .filter(n -> n.revision() > revision && n.material() && n.covers(purpose))
                .findFirst();
    }
}
