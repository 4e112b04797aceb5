-- OpenCPM schema, version 11: subjects merged into others (PIPL Art. 46, correction). Portable as
-- V1 (H2 2.2, PostgreSQL 15, MariaDB 10.11).

-- The subject that absorbed this one when two records turned out to be one person; NULL while the
-- subject stands on its own. Set once, never cleared. The absorbed subject's identifiers are moved
-- to the other (subject_identifier.subject_id) in the same transaction; its rows and its audit
-- events stay as they were. The index finds every subject merged into one (absorbedBy).
ALTER TABLE subject ADD COLUMN merged_into VARCHAR(64);
CREATE INDEX ix_subject_merged_into ON subject (merged_into);
