-- OpenCPM schema, version 19: console sessions are purged by their idle end alone. The idle end is
-- never after the absolute end (ConsoleSessionService caps it on sign-in and on every use), so a
-- session whose absolute end has passed has passed its idle end too, and ix_console_session_idle
-- finds it; ix_console_session_expires (V16) served no query and was only written. Portable as V1
-- (H2 2.2, PostgreSQL 15, MariaDB 10.11): MariaDB names the table of an index it drops and runs
-- what is inside /*! … */, which H2 and PostgreSQL read as a comment.
DROP INDEX ix_console_session_expires /*! ON console_session */;
