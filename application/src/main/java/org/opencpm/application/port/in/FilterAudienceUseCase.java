package org.opencpm.application.port.in;

import java.util.Iterator;
import java.util.function.Consumer;

/**
 * Decide a whole audience as it streams through: each member in, one verdict out, in order,
 * with constant memory whatever the audience's size.
 *
 * <p>In two steps, so that a streaming adapter can refuse a bad query (an unknown purpose) before
 * it has answered anything: {@link #open} checks the query and fixes the moment the audience is
 * decided at; the {@link AudienceFilter} it returns then takes the members one at a time, as they
 * arrive.
 */
public interface FilterAudienceUseCase {

    /** Checks {@code query} (an unknown purpose is refused here) and returns the filter that decides its members. */
    AudienceFilter open(AudienceQuery query);

    /** One audience being decided: every member against the same purpose, usage and moment. */
    interface AudienceFilter {

        /** The verdict on one member; {@code line} is where it stood in the input, echoed in the verdict. */
        AudienceVerdict decide(long line, AudienceMember member);
    }

    /** @return how many members were read */
    default long filter(AudienceQuery query, Iterator<AudienceMember> audience, Consumer<AudienceVerdict> verdicts) {
        AudienceFilter filter = open(query);
        long line = 0;
        while (audience.hasNext()) {
            AudienceMember member = audience.next();
            verdicts.accept(filter.decide(++line, member));
        }
        return line;
    }
}
