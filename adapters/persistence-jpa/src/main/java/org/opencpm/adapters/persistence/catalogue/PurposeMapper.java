package org.opencpm.adapters.persistence.catalogue;

import static org.opencpm.adapters.persistence.JsonText.addIfPresent;
import static org.opencpm.adapters.persistence.JsonText.optionalInt;
import static org.opencpm.adapters.persistence.JsonText.stringOrNull;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.opencpm.adapters.persistence.JsonText;
import org.opencpm.domain.Coded;
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

/**
 * A {@link Purpose} as a {@code purpose} row: every field but the code goes into one JSON object
 * with its members in name order; enums as their wire codes; absent optionals are left out.
 */
final class PurposeMapper {

    private PurposeMapper() {
    }

    static PurposeJpaEntity toEntity(Purpose purpose) {
        return new PurposeJpaEntity(purpose.code().value(), body(purpose));
    }

    static String body(Purpose p) {
        JsonArrayBuilder elements = JsonText.array();
        for (DataElement element : p.dataElements()) {
            elements.add(JsonText.object()
                    .add("category", element.category().code())
                    .add("grade", element.grade().code())
                    .add("name", element.name()));
        }
        JsonArrayBuilder recipients = JsonText.array();
        for (Recipient recipient : p.recipients()) {
            JsonObjectBuilder r = JsonText.object()
                    .add("contact", recipient.contact())
                    .add("country", recipient.country())
                    .add("name", recipient.name());
            if (recipient.processingMethod() != null) {
                r.add("processingMethod", recipient.processingMethod());
            }
            recipients.add(r);
        }
        JsonObjectBuilder name = JsonText.object();
        new TreeMap<>(p.name().texts()).forEach(name::add);

        JsonObjectBuilder body = JsonText.object()
                .add("category", p.category().code())
                .add("crossBorder", p.crossBorder())
                .add("dataElements", elements);
        if (p.description() != null) {
            body.add("description", p.description());
        }
        body.add("doubleOptIn", p.doubleOptIn())
                .add("legalBasis", p.legalBasis().code());
        p.materiallyRedefinedAt().ifPresent(at -> body.add("materiallyRedefinedAt", at.toString()));
        body.add("name", name)
                .add("necessary", p.necessary())
                .add("recipients", recipients);
        addIfPresent(body, "retentionDays", p.retentionDays());
        body.add("sensitive", p.sensitive())
                .add("separateConsent", p.separateConsent());
        p.transferMechanism().ifPresent(mechanism -> body.add("transferMechanism", mechanism.code()));
        addIfPresent(body, "validityDays", p.validityDays());
        return JsonText.write(body.build());
    }

    static Purpose toPurpose(PurposeJpaEntity row) {
        JsonObject body = JsonText.readObject(row.body);
        Map<String, String> names = new TreeMap<>();
        body.getJsonObject("name").forEach((language, text) -> names.put(language, ((JsonString) text).getString()));
        List<DataElement> elements = new ArrayList<>();
        for (JsonValue value : body.getJsonArray("dataElements")) {
            JsonObject e = value.asJsonObject();
            elements.add(new DataElement(e.getString("name"), Coded.parse(DataCategory.class, e.getString("category"), "category"),
                    Coded.parse(SensitivityGrade.class, e.getString("grade"), "grade")));
        }
        List<Recipient> recipients = new ArrayList<>();
        for (JsonValue value : body.getJsonArray("recipients")) {
            JsonObject r = value.asJsonObject();
            recipients.add(new Recipient(r.getString("name"), r.getString("contact"), r.getString("country"),
                    stringOrNull(r, "processingMethod")));
        }
        return new Purpose(PurposeCode.of(row.code), new LocalizedText(names), stringOrNull(body, "description"),
                Coded.parse(PurposeCategory.class, body.getString("category"), "category"),
                Coded.parse(LegalBasis.class, body.getString("legalBasis"), "legalBasis"),
                body.getBoolean("necessary"), body.getBoolean("sensitive"), body.getBoolean("separateConsent"),
                body.getBoolean("crossBorder"), body.getBoolean("doubleOptIn"), elements, recipients,
                optionalInt(body, "retentionDays"), optionalInt(body, "validityDays"),
                // absent in purposes stored before mechanisms were recorded
                Optional.ofNullable(stringOrNull(body, "transferMechanism"))
                        .map(m -> Coded.parse(TransferMechanism.class, m, "transferMechanism")),
                Optional.ofNullable(stringOrNull(body, "materiallyRedefinedAt")).map(Instant::parse));
    }
}
