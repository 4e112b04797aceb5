package org.opencpm.domain.notice;

import java.util.HashMap;
import java.util.Map;
import org.opencpm.domain.purpose.PurposeCode;

/**
 * For each notice code and purpose, the latest revision that changed it materially. A consent
 * given on an earlier revision of that notice is outdated for that purpose (PIPL Art. 14 ¶2).
 * Built once from all notices so that a decision asks a map, not the notice history.
 */
public final class MaterialChanges {

    private static final MaterialChanges NONE = new MaterialChanges(Map.of());

    private final Map<Key, Integer> latestMaterialRevision;

    private record Key(String noticeCode, PurposeCode purpose) {
    }

    private MaterialChanges(Map<Key, Integer> latestMaterialRevision) {
        this.latestMaterialRevision = latestMaterialRevision;
    }

    public static MaterialChanges none() {
        return NONE;
    }

    public static MaterialChanges of(Iterable<Notice> notices) {
        Map<Key, Integer> latest = new HashMap<>();
        for (Notice notice : notices) {
            if (!notice.material()) {
                continue;
            }
            for (PurposeCode purpose : notice.purposes()) {
                latest.merge(new Key(notice.ref().code(), purpose), notice.revision(), Math::max);
            }
        }
        return new MaterialChanges(Map.copyOf(latest));
    }

    /**
     * Whether a consent to {@code purpose} given on revision {@code revision} of notice
     * {@code noticeCode} has been overtaken by a later material version.
     */
    public boolean outdates(String noticeCode, int revision, PurposeCode purpose) {
        Integer latest = latestMaterialRevision.get(new Key(noticeCode, purpose));
        return latest != null && latest > revision;
    }

    /** This, with {@code notice} published too. */
    public MaterialChanges with(Notice notice) {
        if (!notice.material()) {
            return this;
        }
        Map<Key, Integer> latest = new HashMap<>(latestMaterialRevision);
        for (PurposeCode purpose : notice.purposes()) {
            latest.merge(new Key(notice.ref().code(), purpose), notice.revision(), Math::max);
        }
        return new MaterialChanges(Map.copyOf(latest));
    }
}
