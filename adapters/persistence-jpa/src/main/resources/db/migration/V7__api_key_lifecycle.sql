-- OpenCPM schema, version 7: API keys that expire, are revoked, record their last use, and are
-- hashed under a server key. Portable as V1 (H2 2.2, PostgreSQL 15, MariaDB 10.11).

-- How key_hash was made. Rows from before this version hold the plain SHA-256 of their key
-- ('sha256'); the application replaces such a hash by the keyed one ('hmac-sha256', HMAC-SHA-256
-- under a key derived from the identity vault's) on the key's first successful use.
ALTER TABLE api_key ADD COLUMN hash_algorithm VARCHAR(16) DEFAULT 'sha256' NOT NULL;
-- Epoch milliseconds; NULL: never expires / never used / not revoked. A revoked key keeps its row.
ALTER TABLE api_key ADD COLUMN expires_at BIGINT;
ALTER TABLE api_key ADD COLUMN last_used_at BIGINT;
ALTER TABLE api_key ADD COLUMN revoked_at BIGINT;
