package org.opencpm.application.consent;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.opencpm.application.port.in.RecordConsentCommand;
import org.opencpm.application.port.out.IdentifierHash;
import org.opencpm.application.port.out.SealedIdentifier;
import org.opencpm.domain.subject.Identifier;

/**
 * A consent event with what depends on the command alone worked out before its transaction (keyed
 * hashes, sealed identifiers, the idempotency fingerprint, the time of recording), so that the
 * transaction holds the database, and the audit head, no longer than it must.
 */
record PreparedEvent(RecordConsentCommand command, Map<Identifier, IdentifierHash> hashes,
                     Map<Identifier, SealedIdentifier> sealed, Optional<String> fingerprint, Instant now) {
}
