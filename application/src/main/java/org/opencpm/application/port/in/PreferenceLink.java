package org.opencpm.application.port.in;

import java.time.Instant;

/**
 * A link to the preference centre for one person: the signed token the link carries in its
 * fragment, the token's id (evidence of the changes made with it) and its expiry.
 */
public record PreferenceLink(String token, String linkId, Instant expiresAt) {
}
