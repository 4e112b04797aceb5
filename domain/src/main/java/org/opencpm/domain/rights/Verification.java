package org.opencpm.domain.rights;

import java.util.Optional;
import org.opencpm.domain.Checks;
import org.opencpm.domain.InvalidValueException;

/**
 * How a requester was verified, and by whom when a person did it. An {@code operator}
 * verification names its operator: without a name nobody could later say who vouched for the
 * requester.
 */
public record Verification(VerificationMethod method, Optional<String> operator) {

    public Verification {
        Checks.required(method, "verification.method");
        Checks.required(operator, "verification.operator");
        operator.ifPresent(name -> Checks.maxLength(Checks.singleLine(Checks.requiredText(name, "verification.operator"),
                "verification.operator"), 200, "verification.operator"));
        if (method == VerificationMethod.OPERATOR && operator.isEmpty()) {
            throw new InvalidValueException("verification.operator", "is required when the method is operator");
        }
    }

    public static Verification of(VerificationMethod method) {
        return new Verification(method, Optional.empty());
    }
}
