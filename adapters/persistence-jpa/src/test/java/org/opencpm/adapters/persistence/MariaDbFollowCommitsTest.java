package org.opencpm.adapters.persistence;

/** {@link FollowCommitsContract} on MariaDB. */
class MariaDbFollowCommitsTest extends FollowCommitsContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
