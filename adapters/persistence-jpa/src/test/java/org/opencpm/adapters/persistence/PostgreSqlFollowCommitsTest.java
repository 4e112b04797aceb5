package org.opencpm.adapters.persistence;

/** {@link FollowCommitsContract} on PostgreSQL. */
class PostgreSqlFollowCommitsTest extends FollowCommitsContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRESQL;
    }
}
