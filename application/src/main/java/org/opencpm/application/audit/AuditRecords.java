package org.opencpm.application.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.opencpm.application.port.in.Actor;
import org.opencpm.domain.audit.AuditDraft;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.CanonicalForm;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.consent.Attachment;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.consent.ConsentRecorded;
import org.opencpm.domain.consent.SeparateConsentPolicy;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.preference.ChannelPreference;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.subject.SubjectId;

/**
 * Turns what happened into audit drafts: which facts go into an event's fields and details.
 * Identifier values never do; a guardian appears by relation and keyed hashes only. The person's
 * own data — evidence (ip, user agent, operator, free text), the guardian's identifier hashes,
 * preferences — goes into the draft's {@link AuditDraft#personal() personal} part, sealed under
 * the person's key before it joins the chain, so that their erasure leaves none of it readable.
 */
public final class AuditRecords {

    /**
     * The detail {@code "current": "false"} marks a consent event that arrived after a newer one,
     * changed nothing and is kept only as history ({@code currentOccurredAt} says when the event in
     * force happened). The hash covers it like every detail. Absent on every event that took
     * effect, so that chains written before it hash as they did.
     */
    public static final String CURRENT = "current";

    /**
     * The detail naming the files kept as the event's evidence, each as {@code <kind> <media type>
     * sha256:<hex>}, separated by {@code "; "}: in the clear, hashed part of the event, so that
     * {@code audit/verify} covers which files they were; the files themselves stay out of the chain
     * (ADR 0013). Absent on events without files, so that chains written before it hash as they did.
     */
    public static final String ATTACHMENTS = "attachments";

    private AuditRecords() {
    }

    /** Whether a consent event took effect when it was recorded. */
    public static boolean isCurrent(AuditEvent event) {
        return !"false".equals(event.detail(CURRENT));
    }

    /** The audit event of one consent event, whether it took effect or arrived late. */
    public static AuditDraft consentRecorded(ConsentRecorded e, Actor actor, Instant recordedAt, String guardianHashes) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("action", e.action().code());
        e.previous().ifPresent(previous -> details.put("previousState", previous.code()));
        details.put("method", e.evidence().method().code());
        details.put("version", Long.toString(e.version()));
        e.expiresAt().ifPresent(at -> details.put("expiresAt", at.toString()));
        e.notice().ifPresent(n -> {
            details.put("noticeHash", n.contentHash().hex());
            details.put("noticeRevision", Integer.toString(n.revision()));
        });
        Map<String, String> personal = new LinkedHashMap<>();
        e.guardian().ifPresent(g -> {
            details.put("guardianRelation", g.relation().code());
            personal.put("guardianIdentifiers", guardianHashes);
        });
        if (e.erasureDue()) {
            details.put("erasureDue", "true");
        }
        e.claimedOccurredAt().ifPresent(at -> details.put("claimedOccurredAt", CanonicalForm.time(at)));
        e.lateBehind().ifPresent(inForce -> {
            details.put(CURRENT, "false");
            details.put("currentOccurredAt", CanonicalForm.time(inForce));
        });
        if (!e.evidence().attachments().isEmpty()) {
            details.put(ATTACHMENTS, e.evidence().attachments().stream().map(Attachment::toString).collect(Collectors.joining("; ")));
        }
        e.evidence().ip().ifPresent(v -> personal.put("ip", v));
        e.evidence().userAgent().ifPresent(v -> personal.put("userAgent", v));
        e.evidence().operator().ifPresent(v -> personal.put("operator", v));
        e.evidence().text().ifPresent(v -> personal.put("evidenceText", v));
        return AuditDraft.of(AuditEventType.CONSENT_RECORDED, e.subject().value(), e.purpose().value(), e.state().code(),
                e.occurredAt(), recordedAt, actor.id(), e.evidence().channel().code(),
                e.notice().map(n -> n.ref().code()).orElse(null), e.notice().map(n -> n.ref().version()).orElse(null), details)
                .withPersonal(personal);
    }

    public static AuditDraft preferencesUpdated(SubjectId subject, Preferences preferences, long version,
                                                CollectionChannel channel, Actor actor, Instant at) {
        Map<String, String> personal = new LinkedHashMap<>();
        preferences.topics().forEach((topic, wanted) -> personal.put("topics." + topic, wanted.toString()));
        preferences.channels().forEach((contact, pref) -> describeChannel(personal, "channels." + contact.code(), pref));
        preferences.quietHours().ifPresent(q -> personal.put("quietHours", q.start() + "-" + q.end() + " " + q.zone().getId()));
        preferences.language().ifPresent(language -> personal.put("language", language));
        return AuditDraft.of(AuditEventType.PREFERENCES_UPDATED, subject.value(), null, null, at, at, actor.id(),
                channel.code(), null, null, Map.of("version", Long.toString(version))).withPersonal(personal);
    }

    private static void describeChannel(Map<String, String> details, String prefix, ChannelPreference pref) {
        details.put(prefix + ".enabled", Boolean.toString(pref.enabled()));
        pref.cap().maxPerMonth().ifPresent(n -> details.put(prefix + ".maxPerMonth", n.toString()));
        pref.cap().maxPerWeek().ifPresent(n -> details.put(prefix + ".maxPerWeek", n.toString()));
        pref.cap().maxPerDay().ifPresent(n -> details.put(prefix + ".maxPerDay", n.toString()));
    }

    public static AuditDraft purposeDefined(Purpose p, boolean created, Actor actor, Instant at) {
        return purposeDefined(p, created, List.of(), actor, at);
    }

    /**
     * @param materialChanges what a redefinition changed materially, in words; not empty means the
     *                        consents given before {@code at} no longer allow (PIPL Art. 14 ¶2)
     */
    public static AuditDraft purposeDefined(Purpose p, boolean created, List<String> materialChanges, Actor actor, Instant at) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("change", created ? "created" : "redefined");
        if (!materialChanges.isEmpty()) {
            details.put("materialChanges", String.join("; ", materialChanges));
        }
        p.name().texts().forEach((language, text) -> details.put("name." + language, text));
        details.put("category", p.category().code());
        details.put("legalBasis", p.legalBasis().code());
        details.put("necessary", Boolean.toString(p.necessary()));
        details.put("sensitive", Boolean.toString(p.sensitive()));
        details.put("crossBorder", Boolean.toString(p.crossBorder()));
        p.transferMechanism().ifPresent(mechanism -> details.put("transferMechanism", mechanism.code()));
        details.put("doubleOptIn", Boolean.toString(p.doubleOptIn()));
        details.put("separateConsentGrounds", SeparateConsentPolicy.grounds(p).stream().map(Enum::name)
                .map(String::toLowerCase).collect(Collectors.joining(",")));
        details.put("dataElements", p.dataElements().stream()
                .map(d -> d.name() + ":" + d.category().code() + ":" + d.grade().code()).collect(Collectors.joining(",")));
        details.put("recipients", p.recipients().stream().map(r -> r.name() + " (" + r.country() + ")")
                .collect(Collectors.joining("; ")));
        p.retentionDays().ifPresent(days -> details.put("retentionDays", days.toString()));
        p.validityDays().ifPresent(days -> details.put("validityDays", days.toString()));
        return AuditDraft.of(AuditEventType.PURPOSE_DEFINED, null, p.code().value(), null, at, at, actor.id(), null, null,
                null, details);
    }

    public static AuditDraft noticePublished(Notice n, Actor actor) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("contentHash", n.contentHash().hex());
        details.put("revision", Integer.toString(n.revision()));
        details.put("material", Boolean.toString(n.material()));
        details.put("language", n.language());
        details.put("title", n.title());
        details.put("purposes", n.sortedPurposes().stream().map(Object::toString).collect(Collectors.joining(",")));
        n.url().ifPresent(url -> details.put("url", url));
        return AuditDraft.of(AuditEventType.NOTICE_PUBLISHED, null, null, null, n.publishedAt(), n.publishedAt(), actor.id(),
                null, n.ref().code(), n.ref().version(), details);
    }
}
