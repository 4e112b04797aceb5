-- OpenCPM schema, version 1. One script for H2 2.2, PostgreSQL 15 and MariaDB 10.11:
--  * instants are BIGINT milliseconds since the epoch (exact, no time zone, no TIMESTAMP quirks);
--    dates are DATE, flags BOOLEAN;
--  * long text is ${text_type} (H2: CLOB, PostgreSQL: TEXT, MariaDB: LONGTEXT), set by JpaPersistence;
--  * ${table_options} makes MariaDB tables utf8mb4 with a binary collation, so that keys compare
--    exactly (case- and accent-sensitive), as they do on H2 and PostgreSQL; elsewhere it is empty;
--  * no generated keys: keys are natural, random, or the audit sequence number;
--  * no foreign keys: rows are written in a fixed order by one transaction, and the lock order
--    (subject row, then audit head) stays the only one writers wait in.

-- Purposes: the code, and the definition as JSON.
CREATE TABLE purpose (
    code            VARCHAR(64)     NOT NULL,
    body            ${text_type}    NOT NULL,
    PRIMARY KEY (code)
)${table_options};

-- Published notice versions; append-only.
CREATE TABLE notice (
    code            VARCHAR(64)     NOT NULL,
    version         VARCHAR(64)     NOT NULL,
    revision        INTEGER         NOT NULL,
    language        VARCHAR(35)     NOT NULL,
    title           VARCHAR(500)    NOT NULL,
    content         ${text_type},
    url             VARCHAR(2000),
    purposes        ${text_type}    NOT NULL,
    material        BOOLEAN         NOT NULL,
    content_hash    VARCHAR(64)     NOT NULL,
    published_at    BIGINT          NOT NULL,
    PRIMARY KEY (code, version),
    CONSTRAINT uq_notice_revision UNIQUE (code, revision)
)${table_options};

-- Subjects; version is the domain's change counter.
CREATE TABLE subject (
    id              VARCHAR(64)     NOT NULL,
    birth_date      DATE,
    declared_minor  BOOLEAN         NOT NULL,
    version         BIGINT          NOT NULL,
    registered_at   BIGINT          NOT NULL,
    PRIMARY KEY (id)
)${table_options};

-- Identifiers by keyed hash (HMAC-SHA-256, hex); the value only sealed (AES-GCM, base64).
CREATE TABLE subject_identifier (
    hash            VARCHAR(64)     NOT NULL,
    subject_id      VARCHAR(64)     NOT NULL,
    type            VARCHAR(32)     NOT NULL,
    sealed          VARCHAR(2048)   NOT NULL,
    PRIMARY KEY (hash)
)${table_options};
CREATE INDEX ix_subject_identifier_subject ON subject_identifier (subject_id);

-- The current consent of each subject to each purpose; the history is the audit trail.
CREATE TABLE consent (
    subject_id          VARCHAR(64)     NOT NULL,
    purpose             VARCHAR(64)     NOT NULL,
    state               VARCHAR(16)     NOT NULL,
    version             BIGINT          NOT NULL,
    changed_at          BIGINT          NOT NULL,
    granted_at          BIGINT,
    expires_at          BIGINT,
    notice_code         VARCHAR(64),
    notice_version      VARCHAR(64),
    notice_hash         VARCHAR(64),
    notice_revision     INTEGER,
    guardian_relation   VARCHAR(16),
    channel             VARCHAR(32)     NOT NULL,
    method              VARCHAR(32)     NOT NULL,
    PRIMARY KEY (subject_id, purpose)
)${table_options};

-- Each subject's preferences as JSON.
CREATE TABLE preferences (
    subject_id      VARCHAR(64)     NOT NULL,
    body            ${text_type}    NOT NULL,
    PRIMARY KEY (subject_id)
)${table_options};

-- Messages sent per subject, channel and period (D2026-11-29, W2026-48, M2026-11).
CREATE TABLE send_budget (
    subject_id      VARCHAR(64)     NOT NULL,
    channel         VARCHAR(16)     NOT NULL,
    period_key      VARCHAR(16)     NOT NULL,
    used            INTEGER         NOT NULL,
    PRIMARY KEY (subject_id, channel, period_key)
)${table_options};

-- The audit chain: seq from 1 without gaps; details as JSON with sorted keys.
CREATE TABLE audit_event (
    seq             BIGINT          NOT NULL,
    event_id        VARCHAR(64)     NOT NULL,
    type            VARCHAR(32)     NOT NULL,
    subject_id      VARCHAR(64),
    purpose         VARCHAR(64),
    state           VARCHAR(16),
    occurred_at     BIGINT          NOT NULL,
    recorded_at     BIGINT          NOT NULL,
    actor           VARCHAR(200)    NOT NULL,
    channel         VARCHAR(32),
    notice_code     VARCHAR(64),
    notice_version  VARCHAR(64),
    details         ${text_type}    NOT NULL,
    prev_hash       VARCHAR(64)     NOT NULL,
    hash            VARCHAR(64)     NOT NULL,
    PRIMARY KEY (seq),
    CONSTRAINT uq_audit_event_id UNIQUE (event_id)
)${table_options};
CREATE INDEX ix_audit_event_subject ON audit_event (subject_id, seq);
CREATE INDEX ix_audit_event_recorded ON audit_event (recorded_at);

-- The last link of the chain: one row, locked by every append. seq 0 = empty chain.
CREATE TABLE audit_head (
    id              INTEGER         NOT NULL,
    seq             BIGINT          NOT NULL,
    hash            VARCHAR(64)     NOT NULL,
    PRIMARY KEY (id)
)${table_options};
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Changes for the connectors; id = the seq of the audit event that records the change.
CREATE TABLE outbox (
    id              BIGINT          NOT NULL,
    subject_id      VARCHAR(64)     NOT NULL,
    kind            VARCHAR(16)     NOT NULL,
    purpose         VARCHAR(64),
    state           VARCHAR(16),
    preferences     ${text_type}    NOT NULL,
    version         BIGINT          NOT NULL,
    occurred_at     BIGINT          NOT NULL,
    erasure_due     BOOLEAN         NOT NULL,
    audit_event_id  VARCHAR(64)     NOT NULL,
    created_at      BIGINT          NOT NULL,
    PRIMARY KEY (id)
)${table_options};
CREATE INDEX ix_outbox_subject ON outbox (subject_id, version);

-- Outcomes of consent events by the client's idempotency key; receipts as JSON.
CREATE TABLE idempotency (
    idempotency_key VARCHAR(200)    NOT NULL,
    fingerprint     VARCHAR(128)    NOT NULL,
    receipts        ${text_type}    NOT NULL,
    created_at      BIGINT          NOT NULL,
    PRIMARY KEY (idempotency_key)
)${table_options};

-- Double opt-in tokens by keyed hash.
CREATE TABLE confirmation_token (
    token_hash      VARCHAR(128)    NOT NULL,
    subject_id      VARCHAR(64)     NOT NULL,
    purpose         VARCHAR(64)     NOT NULL,
    expires_at      BIGINT          NOT NULL,
    PRIMARY KEY (token_hash)
)${table_options};

-- Decisions made on a lawful basis other than consent (PIPL Art. 13).
CREATE TABLE decision_log (
    id              VARCHAR(36)     NOT NULL,
    subject_id      VARCHAR(64),
    purpose         VARCHAR(64)     NOT NULL,
    reason          VARCHAR(32)     NOT NULL,
    channel         VARCHAR(64),
    recipient       VARCHAR(500),
    decided_at      BIGINT          NOT NULL,
    PRIMARY KEY (id)
)${table_options};
CREATE INDEX ix_decision_log_decided ON decision_log (decided_at);

-- API keys by SHA-256 of the key; roles as sorted comma-separated codes.
CREATE TABLE api_key (
    id              VARCHAR(64)     NOT NULL,
    name            VARCHAR(200)    NOT NULL,
    key_hash        VARCHAR(64)     NOT NULL,
    roles           VARCHAR(200)    NOT NULL,
    created_at      BIGINT          NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_api_key_hash UNIQUE (key_hash)
)${table_options};
