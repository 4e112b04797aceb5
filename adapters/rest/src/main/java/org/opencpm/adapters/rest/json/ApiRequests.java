package org.opencpm.adapters.rest.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.ConfirmDoubleOptInCommand;
import org.opencpm.application.port.in.DecisionQuery;
import org.opencpm.application.port.in.PublishNoticeCommand;
import org.opencpm.application.port.in.RecordConsentCommand;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.application.port.in.SubjectReference;
import org.opencpm.domain.Coded;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.consent.ConsentAction;
import org.opencpm.domain.consent.ConsentMethod;
import org.opencpm.domain.consent.Evidence;
import org.opencpm.domain.decision.UsageRequest;
import org.opencpm.domain.notice.ContentHash;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.preference.ChannelPreference;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.preference.FrequencyCap;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.preference.QuietHours;
import org.opencpm.domain.purpose.DataCategory;
import org.opencpm.domain.purpose.DataElement;
import org.opencpm.domain.purpose.LegalBasis;
import org.opencpm.domain.purpose.LocalizedText;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCategory;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.purpose.Recipient;
import org.opencpm.domain.purpose.SensitivityGrade;
import org.opencpm.domain.purpose.TransferMechanism;
import org.opencpm.domain.subject.Guardian;
import org.opencpm.domain.subject.GuardianRelation;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.IdentifierType;
import org.opencpm.domain.subject.SubjectId;

/**
 * Reads the API's request bodies into the application's commands, field by field, naming the
 * field whenever something is wrong. The field names are the contract of the OpenAPI document (openapi.yml).
 */
public final class ApiRequests {

    private ApiRequests() {
    }

    public static List<Identifier> identifiers(Fields parent, String name) {
        List<Identifier> identifiers = new ArrayList<>();
        for (Fields f : parent.objects(name)) {
            f.allowOnly("type", "value", "scope");
            IdentifierType type = IdentifierType.parse(f.requiredString("type"), f.path("type"));
            identifiers.add(Identifier.of(type, f.requiredString("value"), f.optionalString("scope").orElse(null), f.path()));
        }
        return identifiers;
    }

    public static SubjectReference subject(Fields subject) {
        subject.allowOnly("identifiers", "birthDate", "minor");
        List<Identifier> identifiers = identifiers(subject, "identifiers");
        if (identifiers.isEmpty()) {
            throw new JsonInputException(subject.path("identifiers"), "at least one identifier is required");
        }
        return new SubjectReference(identifiers, subject.optionalDate("birthDate"), subject.optionalBoolean("minor"));
    }

    /** A consent event of {@code POST /api/v1/consents}. */
    public static RecordConsentCommand consentEvent(Fields e, Actor actor) {
        e.allowOnly("subject", "purpose", "purposes", "action", "notice", "channel", "method", "evidence", "guardian",
                "occurredAt", "idempotencyKey");
        SubjectReference subject = subject(e.requiredObject("subject"));
        List<PurposeCode> purposes = new ArrayList<>();
        if (e.has("purpose") && e.has("purposes")) {
            throw new JsonInputException(e.path("purposes"), "give either purpose or purposes, not both");
        }
        if (e.has("purpose")) {
            purposes.add(purposeCode(e.requiredString("purpose"), e.path("purpose")));
        } else {
            List<String> codes = e.strings("purposes");
            if (codes.isEmpty()) {
                throw new JsonInputException(e.path("purpose"), "is required (or purposes, a non-empty array)");
            }
            for (int i = 0; i < codes.size(); i++) {
                purposes.add(purposeCode(codes.get(i), e.path("purposes") + "[" + i + "]"));
            }
        }
        ConsentAction action = ConsentAction.parseClientAction(e.requiredString("action"), e.path("action"));
        Optional<NoticeRef> notice = e.optionalObject("notice").map(n -> {
            n.allowOnly("code", "version");
            return noticeRef(n);
        });
        CollectionChannel channel = CollectionChannel.parse(e.requiredString("channel"), e.path("channel"));
        ConsentMethod method = ConsentMethod.parse(e.requiredString("method"), e.path("method"));
        Evidence evidence = evidence(e.optionalObject("evidence"), channel, method, true);
        Optional<Guardian> guardian = e.optionalObject("guardian").map(ApiRequests::guardian);
        return new RecordConsentCommand(subject, purposes, action, notice, evidence, guardian, e.optionalInstant("occurredAt"),
                e.optionalString("idempotencyKey"), actor);
    }

    /** Whether a consent event is a double opt-in confirmation carrying the person's token. */
    public static boolean isTokenConfirmation(Fields e) {
        return e.has("confirmationToken") && e.optionalString("action").filter("confirm"::equals).isPresent();
    }

    /**
     * A consent event with action {@code confirm} and the {@code confirmationToken} sent to the
     * person: the token must be the one for this subject and purpose.
     */
    public static ConfirmDoubleOptInCommand tokenConfirmation(Fields e, Actor actor) {
        e.allowOnly("subject", "purpose", "action", "confirmationToken", "channel", "method", "evidence", "occurredAt");
        SubjectReference subject = subject(e.requiredObject("subject"));
        PurposeCode purpose = purposeCode(e.requiredString("purpose"), e.path("purpose"));
        CollectionChannel channel = CollectionChannel.parse(e.requiredString("channel"), e.path("channel"));
        ConsentMethod method = ConsentMethod.parse(e.requiredString("method"), e.path("method"));
        return new ConfirmDoubleOptInCommand(e.requiredString("confirmationToken"), evidence(e.optionalObject("evidence"), channel, method),
                e.optionalInstant("occurredAt"), actor, Optional.of(new ConfirmDoubleOptInCommand.Intended(subject, purpose)));
    }

    /**
     * The notice version a path names ({@code …/notices/{code}/versions/{version}}); one no notice
     * could have is the client's mistake, a 400 on {@code notice}.
     */
    public static NoticeRef noticeRef(String code, String version) {
        return noticeRef(code, version, "notice");
    }

    /** As {@link #noticeRef(String, String)}, the refusal naming {@code path}. */
    public static NoticeRef noticeRef(String code, String version, String path) {
        try {
            return NoticeRef.of(code, version);
        } catch (RuntimeException invalid) {
            throw new JsonInputException(path, invalid.getMessage());
        }
    }

    private static NoticeRef noticeRef(Fields n) {
        String code = n.requiredString("code");
        String version = n.requiredString("version");
        return NoticeRef.of(code, version);
    }

    /** The evidence of a confirmation: no files (they come with the consent event itself). */
    public static Evidence evidence(Optional<Fields> evidence, CollectionChannel channel, ConsentMethod method) {
        return evidence(evidence, channel, method, false);
    }

    private static Evidence evidence(Optional<Fields> evidence, CollectionChannel channel, ConsentMethod method, boolean files) {
        if (evidence.isEmpty()) {
            return Evidence.of(channel, method);
        }
        Fields f = files ? evidence.get().allowOnly("ip", "userAgent", "operator", "text", "attachments")
                : evidence.get().allowOnly("ip", "userAgent", "operator", "text");
        return new Evidence(channel, method, f.optionalString("ip"), f.optionalString("userAgent"), f.optionalString("operator"),
                f.optionalString("text"), files ? EvidenceAttachments.read(f) : List.of());
    }

    private static Guardian guardian(Fields g) {
        g.allowOnly("identifiers", "relation");
        List<Identifier> identifiers = identifiers(g, "identifiers");
        if (identifiers.isEmpty()) {
            throw new JsonInputException(g.path("identifiers"), "a guardian is identified by at least one identifier");
        }
        return new Guardian(identifiers, Coded.parse(GuardianRelation.class, g.requiredString("relation"), g.path("relation")));
    }

    public static PurposeCode purposeCode(String code, String field) {
        try {
            return PurposeCode.of(code);
        } catch (RuntimeException invalid) {
            throw new JsonInputException(field, "'" + code + "' is not a purpose code (a-z, 0-9, '.', '_', '-')");
        }
    }

    /** The body of {@code PUT /api/v1/purposes/{code}}. */
    public static Purpose purpose(PurposeCode code, Fields p) {
        p.allowOnly("name", "description", "category", "legalBasis", "necessary", "sensitive", "separateConsent", "crossBorder",
                "doubleOptIn", "dataElements", "recipients", "retentionDays", "validityDays", "transferMechanism");
        Map<String, String> names = p.stringMap("name");
        if (names.isEmpty()) {
            throw new JsonInputException(p.path("name"), "is required: an object of language → name, e.g. {\"zh\": \"营销短信\"}");
        }
        Purpose.Builder builder = Purpose.builder(code.value())
                .name(new LocalizedText(names))
                .description(p.optionalString("description").orElse(null))
                .category(Coded.parse(PurposeCategory.class, p.requiredString("category"), p.path("category")))
                .legalBasis(Coded.parse(LegalBasis.class, p.requiredString("legalBasis"), p.path("legalBasis")))
                .necessary(p.booleanOr("necessary", false))
                .sensitive(p.booleanOr("sensitive", false))
                .separateConsent(p.booleanOr("separateConsent", false))
                .crossBorder(p.booleanOr("crossBorder", false))
                .doubleOptIn(p.booleanOr("doubleOptIn", false))
                .retentionDays(p.optionalInt("retentionDays").orElse(null))
                .validityDays(p.optionalInt("validityDays").orElse(null))
                .transferMechanism(p.optionalString("transferMechanism")
                        .map(m -> Coded.parse(TransferMechanism.class, m, p.path("transferMechanism"))).orElse(null));
        JsonArray elements = p.array("dataElements");
        for (int i = 0; i < elements.size(); i++) {
            String at = p.path("dataElements") + "[" + i + "]";
            JsonValue element = elements.get(i);
            if (element instanceof JsonString name) {
                builder.dataElement(DataElement.named(name.getString()));
            } else if (element instanceof JsonObject object) {
                Fields f = Fields.of(object, at).allowOnly("name", "category", "grade");
                DataElement standard = DataElement.named(f.requiredString("name"));
                builder.dataElement(new DataElement(standard.name(),
                        f.optionalString("category").map(c -> Coded.parse(DataCategory.class, c, f.path("category"))).orElse(standard.category()),
                        f.optionalString("grade").map(g -> Coded.parse(SensitivityGrade.class, g, f.path("grade"))).orElse(standard.grade())));
            } else {
                throw new JsonInputException(at, "must be a data element name or an object {name, category, grade}");
            }
        }
        for (Fields r : p.objects("recipients")) {
            r.allowOnly("name", "contact", "country", "processingMethod");
            builder.recipient(new Recipient(r.requiredString("name"), r.requiredString("contact"), r.requiredString("country"),
                    r.optionalString("processingMethod").orElse(null)));
        }
        return builder.build();
    }

    /** The body of {@code POST /api/v1/notices}. */
    public static PublishNoticeCommand notice(Fields n, Actor actor) {
        n.allowOnly("code", "version", "language", "title", "content", "url", "contentHash", "purposes", "material", "publishedAt");
        NoticeRef ref = noticeRef(n);
        List<String> codes = n.strings("purposes");
        if (codes.isEmpty()) {
            throw new JsonInputException(n.path("purposes"), "a notice covers at least one purpose");
        }
        Set<PurposeCode> purposes = new LinkedHashSet<>();
        for (int i = 0; i < codes.size(); i++) {
            purposes.add(purposeCode(codes.get(i), n.path("purposes") + "[" + i + "]"));
        }
        if (!n.has("content") && !n.has("url")) {
            throw new JsonInputException(n.path("content"), "is required (or url, where the text is published)");
        }
        Optional<ContentHash> contentHash = n.optionalString("contentHash").map(ContentHash::new); // 400 naming contentHash if malformed
        return new PublishNoticeCommand(ref, n.requiredString("language"), n.requiredString("title"), n.optionalString("content"),
                n.optionalString("url"), contentHash, purposes, n.booleanOr("material", false), n.optionalInstant("publishedAt"), actor);
    }

    /** The body of {@code PUT /api/v1/subjects/{id}/preferences}. */
    public static Preferences preferences(Fields p) {
        p.allowOnly("topics", "channels", "quietHours", "language");
        Map<ContactChannel, ChannelPreference> channels = new EnumMap<>(ContactChannel.class);
        p.optionalObject("channels").ifPresent(c -> c.json().keySet().forEach(name -> {
            ContactChannel channel = ContactChannel.parse(name, c.path(name));
            Fields f = c.requiredObject(name).allowOnly("enabled", "maxPerMonth", "maxPerWeek", "maxPerDay");
            FrequencyCap cap = new FrequencyCap(f.optionalInt("maxPerMonth"), f.optionalInt("maxPerWeek"), f.optionalInt("maxPerDay"));
            channels.put(channel, new ChannelPreference(f.booleanOr("enabled", true), cap));
        }));
        Optional<QuietHours> quiet = p.optionalObject("quietHours").map(q -> {
            q.allowOnly("start", "end", "zone");
            return new QuietHours(time(q, "start"), time(q, "end"), zone(q));
        });
        return new Preferences(p.booleanMap("topics"), channels, quiet, p.optionalString("language"));
    }

    private static LocalTime time(Fields q, String name) {
        try {
            return LocalTime.parse(q.requiredString(name));
        } catch (DateTimeParseException e) {
            throw new JsonInputException(q.path(name), "must be a time of day, e.g. 21:00");
        }
    }

    private static ZoneId zone(Fields q) {
        String zone = q.optionalString("zone").orElse("Asia/Shanghai");
        try {
            return ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw new JsonInputException(q.path("zone"), "'" + zone + "' is not a time zone, e.g. Asia/Shanghai");
        }
    }

    /** The subject of a question: {@code subject: {identifiers}} or {@code subjectId}. */
    public static SubjectLocator locator(Fields q) {
        if (q.has("subjectId") && q.has("subject")) {
            throw new JsonInputException(q.path("subjectId"), "give either subjectId or subject, not both");
        }
        if (q.has("subjectId")) {
            return SubjectLocator.byId(subjectId(q.requiredString("subjectId"), q.path("subjectId")));
        }
        Fields subject = q.optionalObject("subject")
                .orElseThrow(() -> new JsonInputException(q.path("subject"), "is required (or subjectId)"));
        subject.allowOnly("identifiers");
        List<Identifier> identifiers = identifiers(subject, "identifiers");
        if (identifiers.isEmpty()) {
            throw new JsonInputException(subject.path("identifiers"), "at least one identifier is required");
        }
        return new SubjectLocator(Optional.empty(), identifiers);
    }

    /** The body of {@code POST /api/v1/decisions}. */
    public static DecisionQuery decision(Fields q) {
        q.allowOnly("subject", "subjectId", "purpose", "channel", "topic", "recipient");
        SubjectLocator locator = locator(q);
        PurposeCode purpose = purposeCode(q.requiredString("purpose"), q.path("purpose"));
        return new DecisionQuery(locator, purpose, usage(q));
    }

    public static UsageRequest usage(Fields q) {
        Optional<ContactChannel> channel = q.optionalString("channel").map(c -> ContactChannel.parse(c, q.path("channel")));
        return new UsageRequest(channel, q.optionalString("topic"), q.optionalString("recipient"));
    }

    public static SubjectId subjectId(String value, String field) {
        try {
            return SubjectId.of(value);
        } catch (RuntimeException invalid) {
            throw new JsonInputException(field, "is not a subject id (1–64 letters, digits, '_' or '-')"); // the value not repeated
        }
    }
}
