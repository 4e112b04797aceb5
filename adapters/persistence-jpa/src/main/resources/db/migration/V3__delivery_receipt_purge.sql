-- OpenCPM schema, version 3: what purging old delivery receipts needs. Portable as V1 and V2
-- (H2 2.2, PostgreSQL 15, MariaDB 10.11).

-- Deliveries delivered before a time (the receipts past their retention period). delivered_at is
-- set once, when a delivery is delivered, and NULL until then (InnoDB does not touch this index
-- when a claim or a retry updates the row; PostgreSQL adds an entry on every update, as for every
-- index on this table).
CREATE INDEX ix_delivery_delivered ON outbox_delivery (delivered_at);
-- Is a change still referred to by a delivery? outbox_id never changes. (The id range of a
-- change's deliveries, outbox id * 1024 + 0..1023, would answer too, but MariaDB scans the whole
-- table for a range that depends on the outer row.)
CREATE INDEX ix_delivery_outbox ON outbox_delivery (outbox_id);
-- Changes written before a time, to delete those no delivery refers to any more. outbox rows are
-- only ever inserted.
CREATE INDEX ix_outbox_created ON outbox (created_at);
