-- OpenCPM schema, version 14: risk alerts (PIPL Art. 51, 54-56; GB/T 35273 section 11), kept for the
-- auditors. Portable as V1 (H2 2.2, PostgreSQL 15, MariaDB 10.11).

-- One row per alert raised: the rule's name, warning or critical, when (epoch milliseconds) and
-- the detail as a JSON object of short texts (counts, thresholds, a masked network, an API key
-- id; never an identifier value). Listed newest first.
CREATE TABLE risk_alert (
    id              VARCHAR(64)     NOT NULL,
    rule            VARCHAR(64)     NOT NULL,
    severity        VARCHAR(16)     NOT NULL,
    raised_at       BIGINT          NOT NULL,
    detail          ${text_type}    NOT NULL,
    PRIMARY KEY (id)
)${table_options};
CREATE INDEX ix_risk_alert_raised ON risk_alert (raised_at, id);
