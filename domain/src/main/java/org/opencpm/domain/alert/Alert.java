package org.opencpm.domain.alert;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.opencpm.domain.Checks;
import org.opencpm.domain.InvalidValueException;

/**
 * One alert: a rule's finding, raised once per episode. Its {@code detail} says what was counted
 * against which threshold; it never holds an identifier value or an address (an address is
 * masked, an operator's name hashed, before it gets here): alerts are read by auditors and sent
 * to outside systems.
 *
 * @param rule   the rule's name, as configured ({@code opencpm.alerts.<rule>.*})
 * @param detail short texts by name, kept sorted so that an alert reads (and is stored) the same everywhere
 */
public record Alert(String id, String rule, AlertSeverity severity, Instant raisedAt, Map<String, String> detail) {

    /** The most entries a detail may have, and the longest value. */
    public static final int MAX_DETAIL_ENTRIES = 20;
    public static final int MAX_DETAIL_VALUE = 200;

    public Alert {
        Checks.maxLength(Checks.requiredText(id, "id"), 64, "id");
        Checks.maxLength(Checks.requiredText(rule, "rule"), 64, "rule");
        Checks.required(severity, "severity");
        Checks.required(raisedAt, "raisedAt");
        Checks.required(detail, "detail");
        if (detail.size() > MAX_DETAIL_ENTRIES) {
            throw new InvalidValueException("detail", "at most " + MAX_DETAIL_ENTRIES + " entries");
        }
        detail.forEach((name, value) -> {
            Checks.maxLength(Checks.requiredText(name, "detail"), 64, "detail");
            Checks.maxLength(Checks.required(value, "detail." + name), MAX_DETAIL_VALUE, "detail." + name);
        });
        detail = Collections.unmodifiableMap(new TreeMap<>(detail));
    }
}
