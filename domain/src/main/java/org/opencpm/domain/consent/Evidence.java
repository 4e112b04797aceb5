package org.opencpm.domain.consent;

import java.util.Optional;
import org.opencpm.domain.Checks;

/**
 * How a consent event came about, as it will be shown to an auditor: where it was collected, how
 * the person expressed it, from which address and client, which staff member helped, and the
 * words they saw or said.
 */
public record Evidence(
        CollectionChannel channel,
        ConsentMethod method,
        Optional<String> ip,
        Optional<String> userAgent,
        Optional<String> operator,
        Optional<String> text) {

    public Evidence {
        Checks.required(channel, "channel");
        Checks.required(method, "method");
        Checks.required(ip, "evidence.ip").ifPresent(v -> Checks.singleLine(Checks.maxLength(v, 64, "evidence.ip"), "evidence.ip"));
        Checks.required(userAgent, "evidence.userAgent")
                .ifPresent(v -> Checks.singleLine(Checks.maxLength(v, 1000, "evidence.userAgent"), "evidence.userAgent"));
        Checks.required(operator, "evidence.operator")
                .ifPresent(v -> Checks.singleLine(Checks.maxLength(v, 200, "evidence.operator"), "evidence.operator"));
        Checks.required(text, "evidence.text").ifPresent(v -> Checks.text(Checks.maxLength(v, 10_000, "evidence.text"), "evidence.text"));
    }

    /** Evidence with only a channel and a method. */
    public static Evidence of(CollectionChannel channel, ConsentMethod method) {
        return new Evidence(channel, method, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
