package org.opencpm.application.audit;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.opencpm.application.port.in.Actor;
import org.opencpm.domain.audit.AuditDraft;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.IdentifierType;
import org.opencpm.domain.subject.SubjectId;

/**
 * The audit events of a correction of who a person is (PIPL Art. 46): identifiers added or
 * removed, two subjects merged. They say what changed by identifier type and count only
 * ({@code "phone:1,email:2"}): an identifier's value or hash is the person's data and has no place
 * in a detail. Subject ids are pseudonyms and are named.
 */
public final class IdentityAuditRecords {

    /** {@code details.change} of an identifier change. */
    public static final String ADDED = "identifiers-added";
    public static final String REMOVED = "identifiers-removed";

    private IdentityAuditRecords() {
    }

    /** Identifiers of {@code types} linked to ({@link #ADDED}) or unlinked from ({@link #REMOVED}) the subject. */
    public static AuditDraft identifiersChanged(SubjectId subject, String change, Collection<IdentifierType> types, long version,
                                                Actor actor, Instant at) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("change", change);
        details.put("identifierTypes", byType(types));
        details.put("version", Long.toString(version));
        return AuditDraft.of(AuditEventType.SUBJECT_UPDATED, subject.value(), null, null, at, at, actor.id(),
                CollectionChannel.API.code(), null, null, details);
    }

    /** The merge, on the subject that absorbed {@code from}. */
    public static AuditDraft merged(SubjectId into, SubjectId from, Collection<PurposeCode> purposesCarried,
                                    Collection<IdentifierType> identifiersMoved, boolean preferencesCarried, long version,
                                    Actor actor, Instant at) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("from", from.value());
        details.put("purposesCarried", purposesCarried.stream().map(PurposeCode::value).sorted().collect(Collectors.joining(",")));
        details.put("identifierTypes", byType(identifiersMoved));
        details.put("preferencesCarried", Boolean.toString(preferencesCarried));
        details.put("version", Long.toString(version));
        return AuditDraft.of(AuditEventType.SUBJECTS_MERGED, into.value(), null, null, at, at, actor.id(),
                CollectionChannel.API.code(), null, null, details);
    }

    /**
     * A consent of {@code from} that is {@code into}'s now, as {@code from} last recorded it (its
     * state, when, on which channel and notice); {@code previous} is {@code into}'s before.
     */
    public static AuditDraft consentCarried(Consent carried, SubjectId from, Optional<ConsentState> previous, boolean erasureDue,
                                            Actor actor, Instant at) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("from", from.value());
        previous.ifPresent(state -> details.put("previousState", state.code()));
        details.put("version", Long.toString(carried.version()));
        carried.expiresAt().ifPresent(expires -> details.put("expiresAt", expires.toString()));
        carried.notice().ifPresent(n -> {
            details.put("noticeHash", n.contentHash().hex());
            details.put("noticeRevision", Integer.toString(n.revision()));
        });
        if (erasureDue) {
            details.put("erasureDue", "true");
        }
        return AuditDraft.of(AuditEventType.CONSENT_CARRIED, carried.subject().value(), carried.purpose().value(),
                carried.state().code(), carried.changedAt(), at, actor.id(), carried.channel().code(),
                carried.notice().map(n -> n.ref().code()).orElse(null), carried.notice().map(n -> n.ref().version()).orElse(null),
                details);
    }

    /** The tombstone of {@code from}: where the person's record went. */
    public static AuditDraft absorbed(SubjectId from, SubjectId into, long version, Actor actor, Instant at) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("into", into.value());
        details.put("version", Long.toString(version));
        return AuditDraft.of(AuditEventType.SUBJECT_ABSORBED, from.value(), null, null, at, at, actor.id(),
                CollectionChannel.API.code(), null, null, details);
    }

    private static String byType(Collection<IdentifierType> types) {
        Map<String, Integer> counts = new TreeMap<>();
        types.forEach(type -> counts.merge(type.code(), 1, Integer::sum));
        return counts.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
    }
}
