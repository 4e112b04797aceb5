package org.opencpm.application.port.in;

import org.opencpm.domain.Checks;
import org.opencpm.domain.purpose.Purpose;

/** Define a purpose, or redefine it under the same code. */
public record DefinePurposeCommand(Purpose purpose, Actor actor) {

    public DefinePurposeCommand {
        Checks.required(purpose, "purpose");
        Checks.required(actor, "actor");
    }
}
