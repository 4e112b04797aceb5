-- OpenCPM schema, version 20: a request recorded as the only open one of its subject and type
-- (the preference centre's: a second tap must record nothing) is that on every node, not only
-- under one node's lock. sole_open_type holds the request's type while such a request is open and
-- is NULL otherwise: once it is closed, and for every request recorded otherwise (an operator may
-- record two corrections at once). H2, PostgreSQL and MariaDB all let NULLs repeat in a unique
-- key, so the key refuses only a second open such request. Requests recorded before this version
-- hold no key: the service still finds them open before it records. Portable as V1 (H2 2.2,
-- PostgreSQL 15, MariaDB 10.11).
ALTER TABLE rights_request ADD COLUMN sole_open_type VARCHAR(16);
CREATE UNIQUE INDEX ux_rights_request_sole_open ON rights_request (subject_id, sole_open_type);
-- The unique key begins with subject_id and finds a subject's requests as well (as V19 explains,
-- MariaDB runs what is inside /*! … */ and names the table; H2 and PostgreSQL read a comment).
DROP INDEX ix_rights_request_subject /*! ON rights_request */;
