package org.opencpm.application.decision;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencpm.application.Ports;
import org.opencpm.application.port.in.FollowCommitsUseCase;
import org.opencpm.application.port.out.AuditTrail;
import org.opencpm.application.port.out.ChangeLog;
import org.opencpm.application.port.out.CommittedChange;
import org.opencpm.application.port.out.DecisionIndex;
import org.opencpm.application.port.out.IdentifierHash;
import org.opencpm.application.port.out.NoticeStore;
import org.opencpm.application.port.out.PurposeStore;
import org.opencpm.application.port.out.SubjectStateSource;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.audit.AuditHead;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.subject.SubjectId;

/**
 * Follows the {@link ChangeLog} — the audit chain, whose sequence numbers become visible in
 * commit order with no gaps — and applies what it names to the decision index: for a page of
 * changes, the state and identifiers of every subject named are read again (once each, as
 * committed now, so at least as new as the page), subjects absorbed by a merge or erased are
 * dropped with every identifier that led to them, the identifiers of a subject whose links were
 * edited are replaced by those stored, the purposes are read again when one was defined, and each
 * notice published is added.
 *
 * <p>Reading state again rather than replaying events keeps one way to build a state (the one the
 * warm-up uses) and makes every step safe to repeat: this node's own commits, already applied
 * after commit, come through again and change nothing; the index keeps the newer of two states of
 * a subject by its version, and a subject once removed stays removed. A subject event of a kind not
 * known here is read again too: a new kind of change is followed before it is thought of.
 */
public final class FollowCommitsService implements FollowCommitsUseCase {

    /** Changes read (and applied) at a time. */
    static final int PAGE = 500;

    /** Subject events after which the subject is no more: absorbed into another, or erased. */
    private static final Set<AuditEventType> REMOVING = Set.of(AuditEventType.SUBJECT_ABSORBED, AuditEventType.SUBJECT_ERASED);
    private static final Set<AuditEventType> API_KEYS = Set.of(AuditEventType.API_KEY_CREATED, AuditEventType.API_KEY_REVOKED);

    private final ChangeLog log;
    private final AuditTrail audit;
    private final SubjectStateSource states;
    private final PurposeStore purposes;
    private final NoticeStore notices;
    private final DecisionIndex index;
    private long position;
    /**
     * Whether a page applied since the last follow that returned named an API key change: kept
     * across a follow that failed on a later page, which has moved {@link #position} past it.
     */
    private boolean apiKeysChanged;

    public FollowCommitsService(Ports ports, ChangeLog log) {
        this.log = log;
        this.audit = ports.audit();
        this.states = ports.subjectStates();
        this.purposes = ports.purposes();
        this.notices = ports.notices();
        this.index = ports.decisionIndex();
    }

    @Override
    public synchronized long markStart() {
        position = audit.head().map(AuditHead::seq).orElse(0L);
        return position;
    }

    @Override
    public synchronized Followed follow() {
        int read = 0;
        List<CommittedChange> page;
        do {
            page = log.after(position, PAGE);
            apply(page);
            read += page.size();
            apiKeysChanged |= page.stream().anyMatch(change -> API_KEYS.contains(change.type()));
            if (!page.isEmpty()) {
                position = page.getLast().seq();
            }
        } while (page.size() == PAGE);
        boolean apiKeys = apiKeysChanged;
        apiKeysChanged = false;
        return new Followed(read, position, apiKeys);
    }

    /** Applies one page; throws before moving {@link #position} if a read fails, so the page is applied again. */
    private void apply(List<CommittedChange> page) {
        Set<SubjectId> reload = new LinkedHashSet<>();
        Set<SubjectId> removed = new LinkedHashSet<>();
        Set<SubjectId> relinked = new LinkedHashSet<>();
        Set<NoticeRef> published = new LinkedHashSet<>();
        boolean purposesDefined = false;
        for (CommittedChange change : page) {
            if (change.type() == AuditEventType.PURPOSE_DEFINED) {
                purposesDefined = true;
            }
            change.notice().filter(notice -> change.type() == AuditEventType.NOTICE_PUBLISHED).ifPresent(published::add);
            change.subject().ifPresent(subject -> {
                if (REMOVING.contains(change.type())) {
                    removed.add(subject);
                } else {
                    reload.add(subject);
                    if (change.removesLinks()) { // a walk of every identifier: only for a change that may have unlinked some
                        relinked.add(subject);
                    }
                }
            });
        }
        // the catalogue first: a subject's new consent may be to a purpose defined in this page.
        // Every purpose is read, not only those named: the stores may cache a purpose for a while.
        if (purposesDefined) {
            purposes.all().forEach(index::purposeDefined);
        }
        for (NoticeRef ref : published) {
            notices.find(ref).ifPresent(index::noticePublished);
        }
        reload.removeAll(removed);
        Map<SubjectId, Set<IdentifierHash>> links = new HashMap<>();
        if (!reload.isEmpty()) {
            List<SubjectId> ids = new ArrayList<>(reload);
            states.forEachIdentifierOf(ids, (hash, subject) -> {
                links.computeIfAbsent(subject, s -> new HashSet<>()).add(hash);
                index.identifierLinked(hash, subject);
            });
            states.forEachSubjectOf(ids, index::subjectChanged);
        }
        removed.forEach(index::subjectRemoved);
        Map<SubjectId, Set<IdentifierHash>> replaced = new HashMap<>();
        relinked.forEach(subject -> replaced.put(subject, links.getOrDefault(subject, Set.of())));
        removed.forEach(subject -> replaced.put(subject, Set.of()));
        if (!replaced.isEmpty()) {
            index.identifiersReplaced(replaced);
        }
    }
}
