package org.opencpm.adapters.persistence.subject;

import java.time.Instant;
import java.util.Optional;
import org.opencpm.application.port.out.IdentifierHash;
import org.opencpm.application.port.out.LinkedIdentifier;
import org.opencpm.application.port.out.SealedIdentifier;
import org.opencpm.domain.subject.IdentifierType;
import org.opencpm.domain.subject.Subject;
import org.opencpm.domain.subject.SubjectId;

/** Subjects and identifier links as rows and back. */
final class SubjectMapper {

    private SubjectMapper() {
    }

    static SubjectJpaEntity toEntity(Subject subject) {
        SubjectJpaEntity row = new SubjectJpaEntity();
        row.id = subject.id().value();
        row.birthDate = subject.birthDate().orElse(null);
        row.declaredMinor = subject.declaredMinor();
        row.version = subject.version();
        row.registeredAt = subject.registeredAt().toEpochMilli();
        return row;
    }

    static Subject toSubject(SubjectJpaEntity row) {
        return new Subject(SubjectId.of(row.id), Optional.ofNullable(row.birthDate), row.declaredMinor, row.version,
                Instant.ofEpochMilli(row.registeredAt));
    }

    static SubjectIdentifierJpaEntity toEntity(SubjectId subject, IdentifierType type, IdentifierHash hash, SealedIdentifier sealed) {
        return new SubjectIdentifierJpaEntity(hash.hex(), subject.value(), type.code(), sealed.base64());
    }

    static LinkedIdentifier toLinked(SubjectIdentifierJpaEntity row) {
        return new LinkedIdentifier(IdentifierType.parse(row.type, "type"), new IdentifierHash(row.hash),
                SealedIdentifier.fromBase64(row.sealed));
    }
}
