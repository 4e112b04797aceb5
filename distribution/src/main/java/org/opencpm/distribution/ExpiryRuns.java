package org.opencpm.distribution;

import java.util.function.LongConsumer;
import java.util.logging.Logger;
import org.opencpm.application.port.in.ExpireConsentsUseCase;

/**
 * The expiry as the distribution runs it, on schedule and on an administrator's request alike:
 * counted for {@code opencpm_consents_expired_total} and logged when a run recorded something
 * (a count only: no identifier, no subject id).
 */
public final class ExpiryRuns implements ExpireConsentsUseCase {

    private static final Logger LOG = Logger.getLogger(ExpiryRuns.class.getName());

    private final ExpireConsentsUseCase expiry;
    private volatile LongConsumer onExpired = count -> { };

    ExpiryRuns(ExpireConsentsUseCase expiry) {
        this.expiry = expiry;
    }

    @Override
    public int expireLapsed() {
        int recorded = expiry.expireLapsed();
        if (recorded > 0) {
            onExpired.accept(recorded);
            LOG.info(() -> "consent expiry: recorded " + recorded + " expired grant(s); connectors are told");
        }
        return recorded;
    }

    /** Tells {@code listener} how many expiries each run that recorded some recorded (the metric). */
    public void onExpired(LongConsumer listener) {
        this.onExpired = listener;
    }
}
