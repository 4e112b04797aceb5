package org.opencpm.application.port.in;

import java.util.Iterator;
import java.util.function.Consumer;

/**
 * Decide a whole audience as it streams through: each member in, one verdict out, in order,
 * with constant memory whatever the audience's size.
 */
public interface FilterAudienceUseCase {

    /** @return how many members were read */
    long filter(AudienceQuery query, Iterator<AudienceMember> audience, Consumer<AudienceVerdict> verdicts);
}
