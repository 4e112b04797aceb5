package org.opencpm.adapters.rest.json;

import static org.opencpm.adapters.rest.json.ApiJson.add;
import static org.opencpm.adapters.rest.json.ApiJson.time;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import org.opencpm.application.audit.AuditRecords;
import org.opencpm.application.port.in.ConsentRecord;
import org.opencpm.application.port.in.PiiController;
import org.opencpm.domain.audit.AuditDraft;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.Checkpoint;
import org.opencpm.domain.audit.CheckpointSignatures;
import org.opencpm.domain.consent.AttachmentHash;
import org.opencpm.domain.consent.ConsentMethod;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.consent.SeparateConsentPolicy;
import org.opencpm.domain.purpose.DataElement;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.Recipient;

/**
 * A consent record as JSON shaped after ISO/IEC TS 27560 (the field names are ours, in the API's
 * camelCase; the sections are the standard's): the header (schema, record and receipt id,
 * timestamps, the PII principal by subject id, the PII controller), the notice (with its SHA-256
 * and where to fetch its text), the processing (purpose, lawful basis, data elements with their
 * grade, recipients, cross-border transfer, retention and validity), the consent (type, method,
 * channel, state, guardian involvement), the events for the purpose, and the audit evidence.
 * Consent states also carry their W3C DPV status, as the DPV mapping of 27560 names them.
 *
 * <p>Never in it: an identifier, or any personal data the chain seals under the person's key (ip,
 * user agent, operator, free text, the guardian's identifier hashes) — the record says they are
 * sealed; the person's own export ({@code GET …/export}) opens them. Evidence files (a signature)
 * appear by their hash and download address only.
 */
public final class ConsentRecordJson {

    public static final String SCHEMA = "opencpm-consent-record/1";
    public static final String CONFORMS_TO = "ISO/IEC TS 27560:2023";
    static final String WITHDRAWAL = "At any time, as easily as it was given: on the channel it was given on or any other"
            + " (POST /api/v1/consents with action withdraw); it takes effect at once and earlier processing stays lawful"
            + " (PIPL Art. 15).";

    private ConsentRecordJson() {
    }

    public static JsonObject of(ConsentRecord r) {
        AuditEvent e = r.event();
        JsonObjectBuilder principal = Jsons.object().add("subjectId", r.subject().value());
        r.recordedUnder().ifPresent(id -> principal.add("recordedUnder", id));
        JsonObjectBuilder json = Jsons.object()
                .add("schemaVersion", SCHEMA)
                .add("conformsTo", CONFORMS_TO)
                .add("recordId", e.eventId())
                .add("receiptId", e.eventId())
                .add("issuedAt", time(r.issuedAt()))
                .add("createdAt", time(e.recordedAt()))
                .add("jurisdiction", "CN");
        r.notice().ifPresent(n -> json.add("language", n.language()));
        json.add("piiPrincipal", principal)
                .add("piiControllers", Jsons.array().add(controller(r.controller())));
        notice(r).ifPresent(n -> json.add("notice", n));
        return json.add("purposes", Jsons.array().add(purpose(r)))
                .add("consent", consent(r))
                .add("events", events(r))
                .add("evidence", evidence(r))
                .build();
    }

    private static JsonObject controller(PiiController c) {
        JsonObjectBuilder json = Jsons.object().add("name", c.name()).add("role", "controller");
        c.contact().ifPresent(contact -> json.add("contact", contact));
        c.address().ifPresent(address -> json.add("address", address));
        return json.build();
    }

    /** The notice version the event names: its hash as the chain recorded it, and where to fetch its text. */
    private static Optional<JsonObject> notice(ConsentRecord r) {
        AuditEvent e = r.event();
        if (e.noticeCode() == null || e.noticeVersion() == null) {
            return Optional.empty();
        }
        JsonObjectBuilder json = Jsons.object().add("code", e.noticeCode()).add("version", e.noticeVersion());
        String hash = e.detail("noticeHash") != null ? e.detail("noticeHash")
                : r.notice().map(n -> n.contentHash().hex()).orElse(null);
        add(json, "contentHash", hash);
        json.add("contentHashAlgorithm", "SHA-256");
        r.notice().ifPresent(n -> {
            json.add("contentHashOf", ApiJson.hashBasis(n.hashBasis()))
                    .add("revision", n.revision())
                    .add("language", n.language())
                    .add("title", n.title())
                    .add("material", n.material())
                    .add("publishedAt", time(n.publishedAt()));
            n.url().ifPresent(url -> json.add("url", url));
        });
        return Optional.of(json.add("href", "/api/v1/notices/" + e.noticeCode() + "/versions/" + e.noticeVersion()).build());
    }

    /** The purpose as defined now; a material redefinition since the event shows, with the time it happened. */
    private static JsonObject purpose(ConsentRecord r) {
        JsonObjectBuilder json = Jsons.object().add("code", r.event().purpose());
        if (r.purpose().isEmpty()) {
            return json.add("defined", false).build();
        }
        Purpose p = r.purpose().get();
        JsonObjectBuilder name = Jsons.object();
        new TreeMap<>(p.name().texts()).forEach(name::add);
        json.add("name", name);
        add(json, "description", p.description());
        json.add("category", p.category().code())
                .add("legalBasis", p.legalBasis().code())
                .add("necessary", p.necessary())
                .add("dataElements", dataElements(p))
                .add("recipients", recipients(p))
                .add("crossBorder", p.crossBorder());
        p.transferMechanism().ifPresent(m -> json.add("transferMechanism", m.code()));
        p.retentionDays().ifPresent(days -> json.add("retentionDays", days));
        p.validityDays().ifPresent(days -> json.add("validityDays", days));
        JsonArrayBuilder grounds = Jsons.array();
        SeparateConsentPolicy.grounds(p).forEach(g -> grounds.add(g.name().toLowerCase(Locale.ROOT)));
        json.add("separateConsentRequired", SeparateConsentPolicy.requiresSeparateConsent(p))
                .add("separateConsentGrounds", grounds)
                .add("definitionAsOf", time(r.issuedAt()));
        p.materiallyRedefinedAt().ifPresent(at -> json.add("materiallyRedefinedAt", time(at))
                .add("redefinedSinceThisEvent", at.isAfter(r.event().occurredAt())));
        return json.build();
    }

    private static JsonArrayBuilder dataElements(Purpose p) {
        JsonArrayBuilder elements = Jsons.array();
        for (DataElement d : p.dataElements()) {
            elements.add(Jsons.object().add("name", d.name()).add("category", d.category().code()).add("grade", d.grade().code())
                    .add("sensitive", d.grade().needsSeparateConsent()));
        }
        return elements;
    }

    private static JsonArrayBuilder recipients(Purpose p) {
        JsonArrayBuilder recipients = Jsons.array();
        for (Recipient rc : p.recipients()) {
            JsonObjectBuilder recipient = Jsons.object().add("name", rc.name()).add("contact", rc.contact())
                    .add("country", rc.country()).add("overseas", rc.isOverseas());
            add(recipient, "processingMethod", rc.processingMethod());
            recipients.add(recipient);
        }
        return recipients;
    }

    /** The consent this event recorded: its type, how and where it was expressed, what it led to, and what stands now. */
    private static JsonObject consent(ConsentRecord r) {
        AuditEvent e = r.event();
        ConsentMethod method = ConsentMethod.parse(e.detail("method"), "method");
        JsonObjectBuilder json = Jsons.object()
                .add("action", e.detail("action"))
                .add("state", e.state())
                .add("dpvStatus", dpvStatus(e.state()))
                .add("current", AuditRecords.isCurrent(e))
                .add("type", method.isExplicit() ? "explicit" : method == ConsentMethod.IMPLIED ? "implied" : "imported")
                .add("separate", r.purpose().map(SeparateConsentPolicy::requiresSeparateConsent).orElse(false))
                .add("method", method.code());
        add(json, "channel", e.channel());
        json.add("occurredAt", time(e.occurredAt())).add("recordedAt", time(e.recordedAt()));
        add(json, "claimedOccurredAt", e.detail("claimedOccurredAt"));
        add(json, "expiresAt", e.detail("expiresAt"));
        add(json, "version", e.detail("version"));
        json.add("recordedBy", e.actor());
        if (e.detail("guardianRelation") != null) {
            json.add("guardian", Jsons.object().add("involved", true).add("relation", e.detail("guardianRelation"))
                    .add("identifiers", "sealed"));
        }
        r.stateNow().ifPresent(now -> json.add("stateNow", now.code()).add("dpvStatusNow", dpvStatus(now.code())));
        return json.add("withdrawal", WITHDRAWAL).build();
    }

    /** Every event of the person about the purpose, oldest first: given, withdrawn, expired, carried in a merge. */
    private static JsonArrayBuilder events(ConsentRecord r) {
        JsonArrayBuilder events = Jsons.array();
        for (AuditEvent e : r.purposeHistory()) {
            JsonObjectBuilder json = Jsons.object()
                    .add("eventId", e.eventId())
                    .add("type", e.type().code())
                    .add("seq", e.seq());
            add(json, "action", e.detail("action"));
            add(json, "state", e.state());
            if (e.state() != null) {
                json.add("dpvStatus", dpvStatus(e.state()));
            }
            json.add("occurredAt", time(e.occurredAt())).add("recordedAt", time(e.recordedAt()));
            add(json, "channel", e.channel());
            add(json, "method", e.detail("method"));
            add(json, "noticeCode", e.noticeCode());
            add(json, "noticeVersion", e.noticeVersion());
            json.add("current", AuditRecords.isCurrent(e));
            if (!r.subject().value().equals(e.subjectId())) {
                json.add("recordedUnder", e.subjectId());
            }
            events.add(json.add("thisRecord", e.eventId().equals(r.event().eventId())).add("hash", e.hash()));
        }
        return events;
    }

    /** Where the event sits in the chain, and the signed checkpoint that anchors it, for checking against an export. */
    private static JsonObject evidence(ConsentRecord r) {
        AuditEvent e = r.event();
        JsonObjectBuilder json = Jsons.object()
                .add("auditEvent", Jsons.object().add("seq", e.seq()).add("eventId", e.eventId())
                        .add("prevHash", e.prevHash()).add("hash", e.hash()))
                .add("personalData", e.detail(AuditDraft.SEALED) == null ? "none" : "sealed");
        String files = e.detail(AuditRecords.ATTACHMENTS);
        if (files != null) {
            json.add("attachments", attachments(files, r));
        }
        json.add("anchored", r.checkpoint().isPresent());
        r.checkpoint().ifPresent(c -> json.add("checkpoint", checkpoint(c)));
        return json.add("publicKeys", "/api/v1/audit/public-keys").add("verify", "/api/v1/audit/verify").build();
    }

    /**
     * The evidence files the event names in its hashed details ({@code <kind> <media type> sha256:<hex>}, ADR 0013),
     * each with where an auditor downloads it; the bytes are never in the record.
     */
    private static JsonArrayBuilder attachments(String files, ConsentRecord r) {
        JsonArrayBuilder list = Jsons.array();
        for (String file : files.split("; ")) {
            String[] parts = file.split(" ");
            AttachmentHash hash = AttachmentHash.parse(parts[parts.length - 1], "attachments");
            JsonObjectBuilder json = Jsons.object();
            if (parts.length == 3) {
                json.add("kind", parts[0]).add("mediaType", parts[1]);
            }
            list.add(json.add("sha256", hash.tagged())
                    .add("href", "/api/v1/subjects/" + r.subject().value() + "/attachments/" + hash.hex()));
        }
        return list;
    }

    private static JsonObject checkpoint(Checkpoint c) {
        return Jsons.object(ApiJson.checkpoint(c)).add("algorithm", CheckpointSignatures.ALGORITHM).build();
    }

    /** The W3C DPV consent status of a state (dpv:ConsentGiven…), as the DPV mapping of 27560 names them. */
    static String dpvStatus(String state) {
        return switch (ConsentState.parse(state, "state")) {
            case PENDING -> "dpv:ConsentRequested";
            case GRANTED -> "dpv:ConsentGiven";
            case DENIED -> "dpv:ConsentRefused";
            case WITHDRAWN -> "dpv:ConsentWithdrawn";
            case EXPIRED -> "dpv:ConsentExpired";
        };
    }
}
