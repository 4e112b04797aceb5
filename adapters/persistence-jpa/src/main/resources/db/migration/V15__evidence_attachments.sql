-- OpenCPM schema, version 15: the evidence files of consent events (a signature drawn on a store
-- tablet, a scanned paper form; ADR 0013). Portable as V1 (H2 2.2, PostgreSQL 15, MariaDB 10.11).

-- One row per person and file, keyed by the SHA-256 of the file's bytes (64 lower-case hex
-- digits): a file shown by several events of one person is kept once. The consent events name it
-- in their hashed audit details; the bytes never enter the chain. sealed is the base64 of the
-- bytes encrypted under the person's own key (AES-256-GCM bound to the person and the hash), so
-- their erasure leaves this row unreadable even before it deletes it. media_type is image/png,
-- image/jpeg or application/pdf; size_bytes the size in clear; stored_at epoch milliseconds.
-- No foreign key to subject: erasure deletes the person's rows itself (JpaSubjectShredder).
CREATE TABLE evidence_attachment (
    subject_id      VARCHAR(64)     NOT NULL,
    sha256          VARCHAR(64)     NOT NULL,
    media_type      VARCHAR(64)     NOT NULL,
    size_bytes      INTEGER         NOT NULL,
    stored_at       BIGINT          NOT NULL,
    sealed          ${text_type}    NOT NULL,
    PRIMARY KEY (subject_id, sha256)
)${table_options};
