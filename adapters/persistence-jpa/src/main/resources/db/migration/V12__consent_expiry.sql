-- OpenCPM schema, version 12: finding the grants whose validity ran out. Portable as V1 (H2 2.2,
-- PostgreSQL 15, MariaDB 10.11).

-- The expiry run reads recorded grants by expires_at (NULL on every consent that is not a grant),
-- in pages ordered by expires_at, subject_id, purpose; without this index every run would scan
-- all consents.
CREATE INDEX ix_consent_expires ON consent (expires_at, subject_id, purpose);
