-- OpenCPM schema, version 18: the web origins a collector key (the consent collection SDK's
-- browser key, ADR 0023) may be used from: space-separated normal-form origins such as
-- 'https://www.example.com', sorted; NULL for every other key. At most 20 origins of at most
-- 200 characters each. Portable as V1 (H2 2.2, PostgreSQL 15, MariaDB 10.11).
ALTER TABLE api_key ADD COLUMN origins VARCHAR(4100);
