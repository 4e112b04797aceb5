package org.opencpm.application.port.in;

import java.util.Optional;

/**
 * One line of an audience as written: an identifier type, its value and an optional scope,
 * not yet normalised (a malformed one is answered, not refused).
 */
public record AudienceMember(String type, String value, Optional<String> scope) {
}
