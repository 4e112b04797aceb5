-- OpenCPM schema, version 11: subjects merged into others (PIPL Art. 46, correction). Portable as
-- V1 (H2 2.2, PostgreSQL 15, MariaDB 10.11).

-- The subject that absorbed this one when two records turned out to be one person; NULL while the
-- subject stands on its own. Set once, never cleared. The absorbed subject's identifiers are moved
-- to the other (subject_identifier.subject_id) in the same transaction; its rows and its audit
-- events stay as they were. Not indexed: an index on it would take an entry for every subject
-- ever registered (NULL included), a page write on every new person's grant.
ALTER TABLE subject ADD COLUMN merged_into VARCHAR(64);

-- Each merge, once: who absorbed whom. Finds every subject merged into one (absorbedBy) with rows
-- for merges only.
CREATE TABLE subject_merge (
    absorbed_id     VARCHAR(64)     NOT NULL,
    into_id         VARCHAR(64)     NOT NULL,
    PRIMARY KEY (absorbed_id)
)${table_options};
CREATE INDEX ix_subject_merge_into ON subject_merge (into_id);
