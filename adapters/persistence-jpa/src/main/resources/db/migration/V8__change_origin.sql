-- OpenCPM schema, version 8: where a change came in from. Portable as V1 (H2 2.2, PostgreSQL 15,
-- MariaDB 10.11).

-- The connector whose platform sent the change (its callback), NULL when it came from anywhere
-- else (the API, the preference centre, OpenCPM itself). No delivery of a change is written for
-- the connector it came from; the column keeps, with each change, why. Rows from before this
-- version came from no connector as far as anyone can tell now: NULL.
ALTER TABLE outbox ADD COLUMN origin VARCHAR(100);
