package org.opencpm.adapters.persistence;

/** {@link FollowCommitsContract} on H2 (two persistences on one file, in one JVM). */
class H2FollowCommitsTest extends FollowCommitsContract {

    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
