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
        row.origin = change.origin().orElse(null);
        return row;
    }

    static JpaOutbox.Entry toEntry(OutboxJpaEntity row) {
        return new JpaOutbox.Entry(row.id, change(row.subjectId, row.kind, row.purpose, row.state, row.preferences, row.version,
                row.occurredAt, row.erasureDue, row.auditEventId, row.origin), Instant.ofEpochMilli(row.createdAt));
    }

    /** The change an {@code outbox} row's columns hold. */
    static ConsentChange change(String subjectId, String kind, String purpose, String state, String preferences, long version,
                                long occurredAt, boolean erasureDue, String auditEventId, String origin) {
        return new ConsentChange(SubjectId.of(subjectId), ConsentChange.Kind.valueOf(kind.toUpperCase(Locale.ROOT)),
                Optional.ofNullable(purpose).map(PurposeCode::of),
                Optional.ofNullable(state).map(code -> ConsentState.parse(code, "state")),
                PreferencesJson.read(preferences), version, Instant.ofEpochMilli(occurredAt), erasureDue, auditEventId,
                Optional.ofNullable(origin));
    }
}
