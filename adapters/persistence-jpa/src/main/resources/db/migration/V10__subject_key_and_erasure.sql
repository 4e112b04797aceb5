-- Crypto-shredding (PIPL Art. 47; ADR 0010). Each person's data key, wrapped (AES-256-GCM) by the
-- identity vault, in the person's own row: the audit chain seals the person's own data under it, and
-- their erasure deletes the row, leaving every sealed copy unreadable while every hash still
-- verifies. In the row, not a table of its own: a new person's grant writes no extra row or index.
ALTER TABLE subject ADD COLUMN data_key VARCHAR(200);

-- Erasures: started (every consent withdrawn, connectors sent the erasure), then finished once
-- the connectors have it or wait_until has passed (the key destroyed, identifiers and preferences
-- deleted). The row stays as the tombstone's index: erased_at set.
CREATE TABLE subject_erasure (
    subject_id      VARCHAR(64)     NOT NULL,
    reason          VARCHAR(16)     NOT NULL,
    request_id      VARCHAR(64),
    started_at      BIGINT          NOT NULL,
    wait_until      BIGINT          NOT NULL,
    erased_at       BIGINT,
    PRIMARY KEY (subject_id)
)${table_options};
CREATE INDEX ix_subject_erasure_open ON subject_erasure (erased_at, wait_until);
