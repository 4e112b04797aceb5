package org.opencpm.application.port.in;

/**
 * Record a consent event (grant, withdraw, deny, confirm) for one subject and one or more
 * purposes. Every rule is checked first; if one is broken the event is refused with a {@link
 * org.opencpm.domain.DomainException} and nothing is written. Otherwise the new state, its audit
 * event and its outbox entry are written in one transaction before this returns.
 */
public interface RecordConsentUseCase {

    RecordConsentResult record(RecordConsentCommand command);
}
