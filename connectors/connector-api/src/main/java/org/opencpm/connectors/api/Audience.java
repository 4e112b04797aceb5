package org.opencpm.connectors.api;

import java.util.Set;
import java.util.function.Consumer;

/**
 * Everyone whose consent to one of {@link #purposes()} is in force now, as a {@link Reconciler}
 * is given it (since 1.3.0): exactly the people a decision for the purpose (no channel, no topic)
 * allows — granted, not expired, given by a guardian for a minor, not outdated by a material
 * change of the notice it was given under. Read from the host's in-memory decision index, so a
 * walk costs no database time, but it may hold millions: it streams, one member at a time.
 */
public interface Audience {

    /**
     * The purposes the members consented to: the connector's {@code purposes} key, or every
     * purpose defined when the key is absent.
     */
    Set<String> purposes();

    /**
     * Calls {@code member} once for each person whose consent to at least one of {@link #purposes()}
     * is in force now, each with the identifiers of the types the connector declares (like a
     * {@link ConsentChange}); someone with none of them is given with an empty list. The order is
     * unspecified. Each call walks the audience anew.
     */
    void forEach(Consumer<AudienceMember> member);
}
