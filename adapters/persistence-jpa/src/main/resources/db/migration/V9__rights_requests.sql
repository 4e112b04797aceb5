-- OpenCPM schema, version 9: people's rights requests (PIPL Art. 44-50) as records with a
-- deadline. Portable as V1 (H2 2.2, PostgreSQL 15, MariaDB 10.11).

-- Codes are the API's (request_type: access, portability, correction, deletion, withdraw_all,
-- explanation; status: received, in_progress, completed, rejected; verification: link,
-- sms_code, operator, login). Times in epoch milliseconds; closed_at and resolution (the note of
-- a completion or the reason of a rejection) are NULL while the request is open. No foreign key
-- to subject: a request outlives what it asks to erase.
CREATE TABLE rights_request (
    id              VARCHAR(64)     NOT NULL,
    subject_id      VARCHAR(64)     NOT NULL,
    request_type    VARCHAR(16)     NOT NULL,
    channel         VARCHAR(32)     NOT NULL,
    verification    VARCHAR(16)     NOT NULL,
    verified_by     VARCHAR(200),
    note            VARCHAR(2000),
    status          VARCHAR(16)     NOT NULL,
    received_at     BIGINT          NOT NULL,
    due_at          BIGINT          NOT NULL,
    closed_at       BIGINT,
    resolution      VARCHAR(2000),
    PRIMARY KEY (id)
)${table_options};
-- Listing by status and due date, and the overdue count.
CREATE INDEX ix_rights_request_due ON rights_request (status, due_at);
CREATE INDEX ix_rights_request_subject ON rights_request (subject_id);
