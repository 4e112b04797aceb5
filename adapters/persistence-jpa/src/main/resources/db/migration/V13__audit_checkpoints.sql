-- OpenCPM schema, version 13: signed checkpoints of the audit chain. Portable as V1 (H2 2.2,
-- PostgreSQL 15, MariaDB 10.11).

-- Each checkpoint signs the chain head(s) at a time with one key (Ed25519); append-only, numbered
-- 1, 2, 3… (the primary key makes two checkpoints taken at once take turns: one wins the number).
-- heads is "chain:seq:hash" per head, ';'-separated, as signed; signature is base64.
CREATE TABLE audit_checkpoint (
    number          BIGINT          NOT NULL,
    heads           ${text_type}    NOT NULL,
    signed_at       BIGINT          NOT NULL,
    key_id          VARCHAR(64)     NOT NULL,
    signature       VARCHAR(200)    NOT NULL,
    PRIMARY KEY (number)
)${table_options};

-- The public keys that signed checkpoints, from when each came into use (also recorded in the
-- chain as an AUDIT_KEY_ADDED event); what GET /api/v1/audit/public-keys lists.
CREATE TABLE audit_checkpoint_key (
    key_id          VARCHAR(64)     NOT NULL,
    algorithm       VARCHAR(16)     NOT NULL,
    public_key_pem  VARCHAR(1000)   NOT NULL,
    valid_from      BIGINT          NOT NULL,
    PRIMARY KEY (key_id)
)${table_options};
