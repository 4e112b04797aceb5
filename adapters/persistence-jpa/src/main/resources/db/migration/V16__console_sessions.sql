-- OpenCPM schema, version 16: console sessions of the admin console and the store tablet
-- (ADR 0021). Portable as V1 (H2 2.2, PostgreSQL 15, MariaDB 10.11).

-- One row per signed-in console: the SHA-256 (hex) of the session id the browser holds in an
-- HttpOnly cookie and of its CSRF token — never either value —, the API key it acts as (checked
-- on every request, so a revoked key ends its sessions at once), and in epoch milliseconds when it
-- began, when it ends unless used again (idle) and when it ends whatever happens (absolute).
CREATE TABLE console_session (
    session_hash    VARCHAR(64)     NOT NULL,
    csrf_hash       VARCHAR(64)     NOT NULL,
    key_id          VARCHAR(64)     NOT NULL,
    created_at      BIGINT          NOT NULL,
    idle_until      BIGINT          NOT NULL,
    expires_at      BIGINT          NOT NULL,
    PRIMARY KEY (session_hash)
)${table_options};
CREATE INDEX ix_console_session_key ON console_session (key_id);
CREATE INDEX ix_console_session_idle ON console_session (idle_until);
CREATE INDEX ix_console_session_expires ON console_session (expires_at);
