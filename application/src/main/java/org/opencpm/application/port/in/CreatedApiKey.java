package org.opencpm.application.port.in;

import java.time.Instant;
import java.util.Set;

/** A new API key. {@link #key()} is shown this once; OpenCPM keeps only its hash. */
public record CreatedApiKey(String id, String name, String key, Set<Role> roles, Instant createdAt) {

    @Override
    public String toString() {
        return "CreatedApiKey[" + id + ", " + name + ", " + roles + ", key hidden]";
    }
}
