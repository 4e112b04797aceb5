package org.opencpm.adapters.persistence.consent;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.opencpm.adapters.persistence.JsonText;
import org.opencpm.application.port.in.ConsentReceipt;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/**
 * Consent receipts as a JSON array: each receipt an object with its members in name order, the
 * time as ISO-8601 text (exact to the nanosecond), the confirmation token only when there is one,
 * {@code current} only when false (a receipt written before events could arrive late reads as current).
 */
final class ReceiptsMapper {

    private ReceiptsMapper() {
    }

    static String toJson(List<ConsentReceipt> receipts) {
        JsonArrayBuilder array = JsonText.array();
        for (ConsentReceipt r : receipts) {
            JsonObjectBuilder o = JsonText.object().add("auditHash", r.auditHash());
            r.confirmationToken().ifPresent(token -> o.add("confirmationToken", token));
            if (!r.current()) {
                o.add("current", false);
            }
            o.add("purpose", r.purpose().value())
                    .add("receiptId", r.receiptId())
                    .add("recordedAt", r.recordedAt().toString())
                    .add("state", r.state().code())
                    .add("subjectId", r.subjectId().value())
                    .add("version", r.version());
            array.add(o);
        }
        return JsonText.write(array.build());
    }

    static List<ConsentReceipt> fromJson(String json) {
        List<ConsentReceipt> receipts = new ArrayList<>();
        for (JsonValue value : JsonText.readArray(json)) {
            JsonObject o = value.asJsonObject();
            receipts.add(new ConsentReceipt(o.getString("receiptId"), SubjectId.of(o.getString("subjectId")),
                    PurposeCode.of(o.getString("purpose")), ConsentState.parse(o.getString("state"), "state"), o.getBoolean("current", true),
                    o.getJsonNumber("version").longValueExact(), Instant.parse(o.getString("recordedAt")),
                    o.getString("auditHash"), JsonText.optionalString(o, "confirmationToken")));
        }
        return receipts;
    }
}
