package org.opencpm.adapters.persistence.outbox;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.opencpm.adapters.persistence.preference.PreferencesJson;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.SubjectId;

/** A {@link ConsentChange} as an {@code outbox} row and back. */
final class OutboxMapper {

    private OutboxMapper() {
    }

    static OutboxJpaEntity toEntity(long id, ConsentChange change, Instant createdAt) {
        OutboxJpaEntity row = new OutboxJpaEntity();
        row.id = id;
        row.subjectId = change.subject().value();
        row.kind = change.kind().name().toLowerCase(Locale.ROOT);
        row.purpose = change.purpose().map(PurposeCode::value).orElse(null);
        row.state = change.state().map(ConsentState::code).orElse(null);
        row.preferences = PreferencesJson.write(change.preferences());
        row.version = change.version();
        row.occurredAt = change.occurredAt().toEpochMilli();
        row.erasureDue = change.erasureDue();
        row.auditEventId = change.auditEventId();
        row.createdAt = createdAt.toEpochMilli();
        return row;
    }

    static JpaOutbox.Entry toEntry(OutboxJpaEntity row) {
        ConsentChange change = new ConsentChange(SubjectId.of(row.subjectId), ConsentChange.Kind.valueOf(row.kind.toUpperCase(Locale.ROOT)),
                Optional.ofNullable(row.purpose).map(PurposeCode::of),
                Optional.ofNullable(row.state).map(code -> ConsentState.parse(code, "state")),
                PreferencesJson.read(row.preferences), row.version, Instant.ofEpochMilli(row.occurredAt), row.erasureDue,
                row.auditEventId);
        return new JpaOutbox.Entry(row.id, change, Instant.ofEpochMilli(row.createdAt));
    }
}
