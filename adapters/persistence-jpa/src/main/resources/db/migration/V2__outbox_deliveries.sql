-- OpenCPM schema, version 2: the deliveries of outbox changes to connectors, and the rows that
-- serialise claiming per connector. Portable as V1 (H2 2.2, PostgreSQL 15, MariaDB 10.11):
-- instants are BIGINT milliseconds, ${table_options} makes MariaDB tables utf8mb4_bin, no
-- generated keys, no foreign keys.

-- One change (outbox row) to be carried to one connector, and how far it got.
--  * id = outbox_id * 1024 + the connector's position in the change's list of connectors (at
--    most 1024): outbox ids are audit sequence numbers, unique in the database and increasing in
--    commit order, so delivery ids are unique across nodes and increasing in the order the
--    deliveries were written; for one subject and connector, id order is version order.
--  * subject_id and version repeat the change's, so that claiming reads this table alone.
--  * status: pending | inflight | delivered | dead.
--  * next_attempt_at: not to be sent before (0 for a new delivery: due at once on any clock).
--  * lease_owner / lease_until: who claimed an inflight delivery and until when.
CREATE TABLE outbox_delivery (
    id              BIGINT          NOT NULL,
    connector_id    VARCHAR(100)    NOT NULL,
    outbox_id       BIGINT          NOT NULL,
    subject_id      VARCHAR(64)     NOT NULL,
    version         BIGINT          NOT NULL,
    status          VARCHAR(16)     NOT NULL,
    attempts        INTEGER         NOT NULL,
    next_attempt_at BIGINT          NOT NULL,
    lease_owner     VARCHAR(200),
    lease_until     BIGINT,
    last_error      VARCHAR(1000),
    created_at      BIGINT          NOT NULL,
    delivered_at    BIGINT,
    PRIMARY KEY (id)
)${table_options};
-- Claiming walks a connector's pending deliveries in id order (oldest first) and stops at the
-- limit, checking the due time and the subject inside the index; no sort. Also serves lists,
-- counts and expired leases. (The two trailing columns also keep PostgreSQL from probing subjects
-- through this index before it has statistics: it is the larger of the two.)
CREATE INDEX ix_delivery_claim ON outbox_delivery (connector_id, status, id, next_attempt_at, subject_id);
-- The head-of-subject rule: is an earlier delivery of this subject pending, or one in flight?
CREATE INDEX ix_delivery_subject ON outbox_delivery (connector_id, subject_id, status, id);

-- One row per connector, locked (SELECT ... FOR UPDATE) by every claim of that connector for the
-- claim's short transaction: claims of one connector run one at a time across all nodes, so each
-- sees every earlier claim committed and the head-of-subject rule is exact.
CREATE TABLE connector_lock (
    connector_id    VARCHAR(100)    NOT NULL,
    PRIMARY KEY (connector_id)
)${table_options};
