package org.opencpm.adapters.rest.json;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.opencpm.application.audit.AuditRecords;
import org.opencpm.application.port.in.ConsentReceipt;
import org.opencpm.application.port.in.SubjectConsents;
import org.opencpm.domain.Coded;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.audit.CanonicalForm;
import org.opencpm.domain.audit.Checkpoint;
import org.opencpm.domain.audit.CheckpointHead;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.SeparateConsentPolicy;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.preference.ChannelPreference;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.DataElement;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.Recipient;

/** Writes the API's response bodies. Field names are the contract the OpenAPI document (distribution's META-INF/openapi.yml) states; absent values are left out. */
public final class ApiJson {

    private ApiJson() {
    }

    public static String time(Instant instant) {
        return CanonicalForm.time(instant);
    }

    public static JsonObject receipt(ConsentReceipt r) {
        JsonObjectBuilder json = Jsons.object()
                .add("receiptId", r.receiptId())
                .add("subjectId", r.subjectId().value())
                .add("purpose", r.purpose().value())
                .add("state", r.state().code())
                .add("current", r.current())
                .add("version", r.version())
                .add("recordedAt", time(r.recordedAt()))
                .add("auditHash", r.auditHash());
        r.confirmationToken().ifPresent(token -> json.add("confirmationToken", token));
        return json.build();
    }

    /** The answer to a consent event: the first receipt's fields flat (as openapi.yml shows), and all receipts. */
    public static JsonObject receipts(List<ConsentReceipt> receipts) {
        JsonObjectBuilder json = Jsons.object(receipt(receipts.get(0)));
        JsonArrayBuilder all = Jsons.array();
        receipts.forEach(r -> all.add(receipt(r)));
        return json.add("receipts", all).build();
    }

    /**
     * What a purpose is, in the words a person is shown (the preference centre's answer is this and
     * the person's state): code, names, category, legal basis, flags and description.
     */
    public static JsonObjectBuilder purposeSummary(Purpose p) {
        JsonObjectBuilder name = Jsons.object();
        new TreeMap<>(p.name().texts()).forEach(name::add);
        JsonObjectBuilder json = Jsons.object()
                .add("code", p.code().value())
                .add("name", name)
                .add("category", p.category().code())
                .add("legalBasis", p.legalBasis().code())
                .add("necessary", p.necessary())
                .add("sensitive", p.sensitive())
                .add("separateConsent", p.separateConsent())
                .add("crossBorder", p.crossBorder());
        if (p.description() != null) {
            json.add("description", p.description());
        }
        return json;
    }

    /** A purpose as the catalogue states it: its summary, what data it uses, who receives it and the rules that follow. */
    public static JsonObject purpose(Purpose p) {
        JsonArrayBuilder elements = Jsons.array();
        for (DataElement e : p.dataElements()) {
            elements.add(Jsons.object().add("name", e.name()).add("category", e.category().code()).add("grade", e.grade().code()));
        }
        JsonArrayBuilder recipients = Jsons.array();
        for (Recipient r : p.recipients()) {
            JsonObjectBuilder recipient = Jsons.object().add("name", r.name()).add("contact", r.contact()).add("country", r.country());
            if (r.processingMethod() != null) {
                recipient.add("processingMethod", r.processingMethod());
            }
            recipients.add(recipient);
        }
        JsonArrayBuilder grounds = Jsons.array();
        SeparateConsentPolicy.grounds(p).forEach(g -> grounds.add(g.name().toLowerCase(Locale.ROOT)));
        JsonObjectBuilder json = purposeSummary(p)
                .add("doubleOptIn", p.doubleOptIn())
                .add("dataElements", elements)
                .add("recipients", recipients)
                .add("separateConsentRequired", SeparateConsentPolicy.requiresSeparateConsent(p))
                .add("separateConsentGrounds", grounds)
                .add("highestGrade", p.highestGrade().code());
        p.retentionDays().ifPresent(days -> json.add("retentionDays", days));
        p.validityDays().ifPresent(days -> json.add("validityDays", days));
        p.transferMechanism().ifPresent(mechanism -> json.add("transferMechanism", mechanism.code()));
        p.materiallyRedefinedAt().ifPresent(at -> json.add("materiallyRedefinedAt", time(at)));
        return json.build();
    }

    /** What a person reads of a notice version (the preference centre shows this): which one, its title and its text or address. */
    public static JsonObjectBuilder noticeSummary(Notice n) {
        JsonObjectBuilder json = Jsons.object()
                .add("code", n.ref().code())
                .add("version", n.ref().version())
                .add("language", n.language())
                .add("title", n.title())
                .add("publishedAt", time(n.publishedAt()));
        n.content().ifPresent(text -> json.add("content", text));
        n.url().ifPresent(url -> json.add("url", url));
        return json;
    }

    /** A notice version as published: its summary, the purposes it covers, whether it is material, and what its hash fingerprints. */
    public static JsonObject notice(Notice n) {
        JsonArrayBuilder purposes = Jsons.array();
        n.sortedPurposes().forEach(code -> purposes.add(code.value()));
        return noticeSummary(n)
                .add("revision", n.revision())
                .add("purposes", purposes)
                .add("material", n.material())
                .add("contentHash", n.contentHash().hex())
                .add("contentHashOf", hashBasis(n.hashBasis()))
                .build();
    }

    /**
     * What a notice's {@code contentHash} fingerprints: {@code content} (recompute it from the text),
     * {@code text-at-url} (the publisher's hash of the text at the url) or {@code url} (a version
     * published by URL before the text's hash was required: the hash of the address only).
     */
    public static String hashBasis(Notice.HashBasis basis) {
        return switch (basis) {
            case CONTENT -> "content";
            case TEXT_AT_URL -> "text-at-url";
            case URL -> "url";
        };
    }

    public static JsonObject consents(SubjectConsents view) {
        JsonArrayBuilder consents = Jsons.array();
        view.consents().forEach(entry -> consents.add(consent(entry)));
        return Jsons.object().add("subjectId", view.subjectId().value()).add("consents", consents).build();
    }

    /** A subject's consent to one purpose, with its state now. */
    public static JsonObject consent(SubjectConsents.Entry entry) {
        Consent c = entry.consent();
        JsonObjectBuilder json = Jsons.object()
                .add("purpose", c.purpose().value())
                .add("state", entry.stateNow().code())
                .add("version", c.version())
                .add("changedAt", time(c.changedAt()))
                .add("channel", c.channel().code())
                .add("method", c.method().code());
        c.notice().ifPresent(n -> json.add("noticeCode", n.ref().code()).add("noticeVersion", n.ref().version()));
        c.grantedAt().ifPresent(at -> json.add("grantedAt", time(at)));
        c.expiresAt().ifPresent(at -> json.add("expiresAt", time(at)));
        c.guardian().ifPresent(g -> json.add("guardian", g.code()));
        return json.build();
    }

    /**
     * One event of a subject's history. A consent event says whether it is {@code current}: false
     * for one that arrived after a newer event, changed nothing and is kept only as history.
     */
    public static JsonObject historyEvent(AuditEvent e) {
        JsonObjectBuilder json = Jsons.object()
                .add("seq", e.seq())
                .add("eventId", e.eventId())
                .add("type", e.type().code());
        add(json, "action", e.detail("action"));
        add(json, "purpose", e.purpose());
        add(json, "state", e.state());
        json.add("occurredAt", time(e.occurredAt())).add("recordedAt", time(e.recordedAt()));
        add(json, "channel", e.channel());
        add(json, "noticeCode", e.noticeCode());
        add(json, "noticeVersion", e.noticeVersion());
        add(json, "method", e.detail("method"));
        if (e.type() == AuditEventType.CONSENT_RECORDED) {
            json.add("current", AuditRecords.isCurrent(e));
        }
        return json.add("prevHash", e.prevHash()).add("hash", e.hash()).build();
    }

    /** One event of the audit export: everything, with the details its hash covers. */
    /** A signed checkpoint as the audit API, the export and consent records show it. */
    public static JsonObject checkpoint(Checkpoint c) {
        JsonArrayBuilder heads = Jsons.array();
        for (CheckpointHead h : c.heads()) {
            heads.add(Jsons.object().add("chain", h.chain()).add("seq", h.seq()).add("hash", h.hash()));
        }
        return Jsons.object().add("number", c.number()).add("heads", heads).add("signedAt", time(c.signedAt()))
                .add("keyId", c.keyId()).add("signature", c.signature()).build();
    }

    public static JsonObject auditEvent(AuditEvent e) {
        JsonObjectBuilder json = Jsons.object()
                .add("seq", e.seq())
                .add("eventId", e.eventId())
                .add("type", e.type().code());
        add(json, "subjectId", e.subjectId());
        add(json, "purpose", e.purpose());
        add(json, "state", e.state());
        json.add("occurredAt", time(e.occurredAt())).add("recordedAt", time(e.recordedAt())).add("actor", e.actor());
        add(json, "channel", e.channel());
        add(json, "noticeCode", e.noticeCode());
        add(json, "noticeVersion", e.noticeVersion());
        JsonObjectBuilder details = Jsons.object();
        new TreeMap<>(e.details()).forEach(details::add);
        return json.add("details", details).add("prevHash", e.prevHash()).add("hash", e.hash()).build();
    }

    public static JsonObject preferences(Preferences p) {
        JsonObjectBuilder topics = Jsons.object();
        new TreeMap<>(p.topics()).forEach(topics::add);
        JsonObjectBuilder channels = Jsons.object();
        for (Map.Entry<ContactChannel, ChannelPreference> entry : new TreeMap<>(p.channels()).entrySet()) {
            JsonObjectBuilder channel = Jsons.object().add("enabled", entry.getValue().enabled());
            entry.getValue().cap().maxPerMonth().ifPresent(n -> channel.add("maxPerMonth", n));
            entry.getValue().cap().maxPerWeek().ifPresent(n -> channel.add("maxPerWeek", n));
            entry.getValue().cap().maxPerDay().ifPresent(n -> channel.add("maxPerDay", n));
            channels.add(entry.getKey().code(), channel);
        }
        JsonObjectBuilder json = Jsons.object().add("topics", topics).add("channels", channels);
        p.quietHours().ifPresent(q -> json.add("quietHours", Jsons.object()
                .add("start", q.start().toString()).add("end", q.end().toString()).add("zone", q.zone().getId())));
        p.language().ifPresent(language -> json.add("language", language));
        return json.build();
    }

    public static void add(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }

    public static void add(JsonObjectBuilder json, String name, Optional<? extends Coded> value) {
        value.ifPresent(v -> json.add(name, v.code()));
    }
}
