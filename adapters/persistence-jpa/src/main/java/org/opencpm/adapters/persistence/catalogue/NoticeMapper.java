package org.opencpm.adapters.persistence.catalogue;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.opencpm.domain.notice.ContentHash;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.purpose.PurposeCode;

/** A {@link Notice} as a {@code notice} row and back; the stored content hash is kept, never recomputed. */
final class NoticeMapper {

    private NoticeMapper() {
    }

    static NoticeJpaEntity toEntity(Notice notice) {
        NoticeJpaEntity row = new NoticeJpaEntity();
        row.code = notice.ref().code();
        row.version = notice.ref().version();
        row.revision = notice.revision();
        row.language = notice.language();
        row.title = notice.title();
        row.content = notice.content().orElse(null);
        row.url = notice.url().orElse(null);
        row.purposes = notice.sortedPurposes().stream().map(PurposeCode::value).collect(Collectors.joining(","));
        row.material = notice.material();
        row.contentHash = notice.contentHash().hex();
        row.publishedAt = notice.publishedAt().toEpochMilli();
        return row;
    }

    static Notice toNotice(NoticeJpaEntity row) {
        Set<PurposeCode> purposes = Arrays.stream(row.purposes.split(",")).map(PurposeCode::of).collect(Collectors.toSet());
        return new Notice(NoticeRef.of(row.code, row.version), row.language, row.title, Optional.ofNullable(row.content),
                Optional.ofNullable(row.url), purposes, row.material, new ContentHash(row.contentHash),
                Instant.ofEpochMilli(row.publishedAt), row.revision);
    }
}
