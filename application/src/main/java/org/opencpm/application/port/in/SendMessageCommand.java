package org.opencpm.application.port.in;

import java.util.Map;
import java.util.Optional;
import org.opencpm.domain.Checks;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.purpose.PurposeCode;

/**
 * Send one message through a connector that is a send gateway ({@code POST /api/v1/connectors/{id}/messages}).
 *
 * @param template   the platform's template, else the connector's configured one
 * @param parameters the template's parameters
 */
public record SendMessageCommand(String connectorId, SubjectLocator subject, PurposeCode purpose, Optional<String> topic,
                                 Optional<String> template, Map<String, String> parameters, Actor actor) {

    /** At most this many template parameters. */
    public static final int MAX_PARAMETERS = 32;
    /** At most this many characters per parameter name or value, and for the template. */
    public static final int MAX_LENGTH = 256;

    public SendMessageCommand {
        Checks.required(connectorId, "connectorId");
        Checks.required(subject, "subject");
        Checks.required(purpose, "purpose");
        Checks.required(topic, "topic");
        Checks.required(template, "template");
        Checks.required(parameters, "parameters");
        Checks.required(actor, "actor");
        if (parameters.size() > MAX_PARAMETERS) {
            throw new InvalidValueException("parameters", "at most " + MAX_PARAMETERS + " parameters");
        }
        parameters.forEach((name, value) -> {
            if (name == null || name.isBlank() || name.length() > MAX_LENGTH || value == null || value.length() > MAX_LENGTH) {
                throw new InvalidValueException("parameters", "names of 1–" + MAX_LENGTH + " characters and values of at most "
                        + MAX_LENGTH + ", none missing");
            }
        });
        template.ifPresent(t -> {
            if (t.isBlank() || t.length() > MAX_LENGTH) {
                throw new InvalidValueException("template", "1–" + MAX_LENGTH + " characters");
            }
        });
        parameters = Map.copyOf(parameters);
    }
}
