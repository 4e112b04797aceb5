package org.opencpm.adapters.persistence.rights;

import java.time.Instant;
import java.util.Optional;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.rights.RightsRequest;
import org.opencpm.domain.rights.RightsRequestStatus;
import org.opencpm.domain.rights.RightsRequestType;
import org.opencpm.domain.rights.Verification;
import org.opencpm.domain.rights.VerificationMethod;
import org.opencpm.domain.subject.SubjectId;

/** A {@link RightsRequest} as a {@code rights_request} row and back. */
final class RightsRequestMapper {

    private RightsRequestMapper() {
    }

    static RightsRequestJpaEntity fill(RightsRequestJpaEntity row, RightsRequest r) {
        row.id = r.id();
        row.subjectId = r.subject().value();
        row.type = r.type().code();
        row.channel = r.channel().code();
        row.verification = r.verification().method().code();
        row.verifiedBy = r.verification().operator().orElse(null);
        row.note = r.note().orElse(null);
        row.status = r.status().code();
        row.receivedAt = r.receivedAt().toEpochMilli();
        row.dueAt = r.dueAt().toEpochMilli();
        row.closedAt = r.closedAt().map(Instant::toEpochMilli).orElse(null);
        row.resolution = r.resolution().orElse(null);
        return row;
    }

    static RightsRequest toRequest(RightsRequestJpaEntity row) {
        return new RightsRequest(row.id, SubjectId.of(row.subjectId), RightsRequestType.parse(row.type, "type"),
                CollectionChannel.parse(row.channel, "channel"),
                new Verification(VerificationMethod.parse(row.verification, "verification"), Optional.ofNullable(row.verifiedBy)),
                Optional.ofNullable(row.note), RightsRequestStatus.parse(row.status, "status"), Instant.ofEpochMilli(row.receivedAt),
                Instant.ofEpochMilli(row.dueAt), Optional.ofNullable(row.closedAt).map(Instant::ofEpochMilli),
                Optional.ofNullable(row.resolution));
    }
}
