package org.opencpm.domain.notice;

import java.time.Instant;
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

    /**
     * When the next version of this code may say it was published: not in the future (it would be
     * shown to nobody yet), not before {@code earliest}, and not before the latest version
     * published so far, so that revisions and publication times tell the same order (the rule
     * that a material change outdates earlier consents reads both).
     */
    public Instant nextPublication(Optional<Instant> claimed, Instant now, Instant earliest) {
        Instant at = claimed.orElse(now);
        if (at.isAfter(now)) {
            throw new InvalidValueException("publishedAt", "is later than now (" + now + "): a version is published when people can be shown it");
        }
        if (at.isBefore(earliest)) {
            throw new InvalidValueException("publishedAt", "is before " + earliest);
        }
        Optional<Notice> latest = versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
        if (latest.isPresent() && at.isBefore(latest.get().publishedAt())) {
            throw new InvalidValueException("publishedAt", "is before the publication of version " + latest.get().ref().version()
                    + " (" + latest.get().publishedAt() + "), the latest of notice " + code + ": versions are published in order");
        }
        return at;
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
