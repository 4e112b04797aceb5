package org.opencpm.application.port.in;

/**
 * Records the expiry of every grant whose validity ({@code validityDays}) has run out. A decision
 * reads such a grant as expired from its {@code expiresAt} on, but only a recorded expiry reaches
 * the audit trail and the connectors, so that platforms stop using the consent too (PIPL Art. 15,
 * 19). For a scheduled job and for an administrator on demand; several nodes may run it at once.
 */
public interface ExpireConsentsUseCase {

    /**
     * Records an {@code expire} event for each grant that lapsed by now and has none yet; a second
     * run right after finds nothing.
     *
     * @return how many expiries this run recorded
     */
    int expireLapsed();
}
