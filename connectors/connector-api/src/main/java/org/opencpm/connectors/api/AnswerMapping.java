package org.opencpm.connectors.api;

import java.util.Optional;

/**
 * A connector's reading of its platform's answers, on top of the host's standard one (2xx
 * delivered; 4xx but 408, 425 and 429 dead; everything else retried, honouring
 * {@code Retry-After}). For each answer the host asks the mapping first: a
 * {@link DeliveryVerdict} decides, an empty one leaves the answer to the standard reading. So a
 * connector says only what is particular to its platform — "404 means nothing to do", "a 200
 * with {@code errcode 40003} is a permanent refusal" — and keeps the host's retries, back-off and
 * dead letters for everything else, without catching the route's exceptions itself.
 *
 * <p>The host asks about every non-2xx answer of the route's HTTP call, and about the 2xx answer
 * that ends the route when the connector has a mapping other than {@link #STANDARD}. A mapping
 * runs on a sender thread: answer quickly, from the answer alone. One that throws counts as
 * empty (the standard reading applies) and is logged.
 */
@FunctionalInterface
public interface AnswerMapping {

    /** No reading of its own: the host's standard one for every answer. */
    AnswerMapping STANDARD = answer -> Optional.empty();

    /** What {@code answer} means, or empty to leave it to the host's standard reading. */
    Optional<DeliveryVerdict> verdict(PlatformAnswer answer);
}
