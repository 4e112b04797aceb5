package org.opencpm.distribution;

import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.opencpm.application.port.in.PiiController;
import org.opencpm.domain.InvalidValueException;

/**
 * Who the operator is, as consent records name them (the ISO/IEC TS 27560 PII controller; PIPL
 * Art. 17 (1): the processor's name and contact), from configuration:
 * <ul>
 *   <li>{@code opencpm.controller.name} ({@code OPENCPM_CONTROLLER_NAME}): the company's legal name,
 *       one line, at most 200 characters; unset, records say it is not configured (and the start logs it);</li>
 *   <li>{@code opencpm.controller.contact} ({@code OPENCPM_CONTROLLER_CONTACT}), optional: how a person
 *       reaches its personal information protection contact (an e-mail address, a phone line), one line, at most 500;</li>
 *   <li>{@code opencpm.controller.address} ({@code OPENCPM_CONTROLLER_ADDRESS}), optional: its postal address, one line, at most 500.</li>
 * </ul>
 * A value with a line break or control character, or too long, stops the start, naming the key.
 */
final class ControllerSettings {

    static final String NAME = "opencpm.controller.name";
    static final String CONTACT = "opencpm.controller.contact";
    static final String ADDRESS = "opencpm.controller.address";

    private ControllerSettings() {
    }

    static PiiController from(Config config) {
        return from(key -> config.getOptionalValue(key, String.class));
    }

    static PiiController from(Function<String, Optional<String>> values) {
        Optional<String> name = value(values, NAME);
        Optional<String> contact = value(values, CONTACT);
        Optional<String> address = value(values, ADDRESS);
        if (name.isEmpty()) {
            if (contact.isPresent() || address.isPresent()) {
                throw new IllegalStateException(NAME + " must be set when " + CONTACT + " or " + ADDRESS + " is");
            }
            return PiiController.NOT_CONFIGURED;
        }
        try {
            return new PiiController(name.get(), contact, address);
        } catch (InvalidValueException invalid) {
            throw new IllegalStateException("opencpm." + invalid.field() + ": " + invalid.reason());
        }
    }

    private static Optional<String> value(Function<String, Optional<String>> values, String key) {
        return values.apply(key).map(String::strip).filter(s -> !s.isEmpty());
    }

    static String describe(PiiController controller) {
        return controller.configured() ? "consent records name the controller '" + controller.name() + "'"
                : "opencpm.controller.name is not set: consent records (GET /api/v1/subjects/{id}/receipts/{receiptId}) say"
                + " the controller is not configured; set its name and contact (PIPL Art. 17)";
    }
}
