package org.opencpm.application.port.in;

import java.util.Optional;
import org.opencpm.domain.Checks;

/**
 * The personal information processor (个人信息处理者) OpenCPM keeps consents for: the PII controller
 * a consent record names (ISO/IEC TS 27560), with the name and contact a person needs to reach it
 * (PIPL Art. 17 (1)). It is the operator's, set in configuration, the same for every record.
 */
public record PiiController(String name, Optional<String> contact, Optional<String> address) {

    /** What records name while the operator has not said who they are; the server logs it at start. */
    public static final PiiController NOT_CONFIGURED = new PiiController("not configured (opencpm.controller.name)",
            Optional.empty(), Optional.empty());

    public PiiController {
        Checks.maxLength(Checks.singleLine(Checks.requiredText(name, "controller.name"), "controller.name"), 200, "controller.name");
        Checks.required(contact, "controller.contact").ifPresent(text ->
                Checks.maxLength(Checks.singleLine(Checks.requiredText(text, "controller.contact"), "controller.contact"), 500,
                        "controller.contact"));
        Checks.required(address, "controller.address").ifPresent(text ->
                Checks.maxLength(Checks.singleLine(Checks.requiredText(text, "controller.address"), "controller.address"), 500,
                        "controller.address"));
    }

    public boolean configured() {
        return !equals(NOT_CONFIGURED);
    }
}
