package org.opencpm.adapters.persistence.consent;

import java.time.Instant;
import java.util.Optional;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.ConsentMethod;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.consent.NoticeStamp;
import org.opencpm.domain.notice.ContentHash;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.GuardianRelation;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.domain.Coded;

/** A {@link Consent} as a {@code consent} row, and back through {@link Consent#restore}. */
final class ConsentMapper {

    private ConsentMapper() {
    }

    /** Copies every field of {@code consent} into {@code row} (new or loaded). */
    static ConsentJpaEntity fill(ConsentJpaEntity row, Consent consent) {
        row.subjectId = consent.subject().value();
        row.purpose = consent.purpose().value();
        row.state = consent.state().code();
        row.version = consent.version();
        row.changedAt = consent.changedAt().toEpochMilli();
        row.grantedAt = consent.grantedAt().map(Instant::toEpochMilli).orElse(null);
        row.expiresAt = consent.expiresAt().map(Instant::toEpochMilli).orElse(null);
        Optional<NoticeStamp> notice = consent.notice();
        row.noticeCode = notice.map(n -> n.ref().code()).orElse(null);
        row.noticeVersion = notice.map(n -> n.ref().version()).orElse(null);
        row.noticeHash = notice.map(n -> n.contentHash().hex()).orElse(null);
        row.noticeRevision = notice.map(NoticeStamp::revision).orElse(null);
        row.guardianRelation = consent.guardian().map(GuardianRelation::code).orElse(null);
        row.channel = consent.channel().code();
        row.method = consent.method().code();
        return row;
    }

    static Consent toConsent(ConsentJpaEntity row) {
        Optional<NoticeStamp> notice = row.noticeCode == null
                ? Optional.empty()
                : Optional.of(new NoticeStamp(NoticeRef.of(row.noticeCode, row.noticeVersion), new ContentHash(row.noticeHash),
                        row.noticeRevision));
        return Consent.restore(SubjectId.of(row.subjectId), PurposeCode.of(row.purpose), ConsentState.parse(row.state, "state"),
                row.version, Instant.ofEpochMilli(row.changedAt), Optional.ofNullable(row.grantedAt).map(Instant::ofEpochMilli),
                Optional.ofNullable(row.expiresAt).map(Instant::ofEpochMilli), notice,
                Optional.ofNullable(row.guardianRelation).map(code -> Coded.parse(GuardianRelation.class, code, "guardianRelation")),
                CollectionChannel.parse(row.channel, "channel"), ConsentMethod.parse(row.method, "method"));
    }
}
