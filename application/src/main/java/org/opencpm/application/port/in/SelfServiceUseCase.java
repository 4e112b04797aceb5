package org.opencpm.application.port.in;

import java.util.List;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.rights.RightsRequest;
import org.opencpm.domain.rights.RightsRequestType;

/**
 * The preference centre: a person, holding a self-service token that names them alone, reads and
 * changes their own choices (PIPL Art. 15 withdrawal, Art. 44–47 rights). Every change goes
 * through the same rules, audit chain and outbox as one made through the API, with the channel
 * {@code preference_centre} and the token's id as evidence. Nothing here takes a subject id from
 * the caller: the session is the only way to name the person.
 */
public interface SelfServiceUseCase {

    /** What {@code token} is; never throws for a malformed one. */
    SelfAuthentication authenticate(String token);

    SelfOverview overview(SelfSession session);

    /**
     * Withdraws the person's consent for {@code purpose} (PIPL Art. 15). Nothing is written when it is
     * not in force (a repeated tap changes nothing).
     *
     * @throws org.opencpm.application.selfservice.NotConsentBasedException when the purpose does not rest on consent
     */
    List<ConsentReceipt> withdraw(SelfSession session, PurposeCode purpose, SelfEvidence evidence);

    /**
     * Grants consent again for {@code purpose} on the notice that covers it. Nothing is written when it is in force.
     *
     * @throws org.opencpm.application.selfservice.NotConsentBasedException when the purpose does not rest on consent
     * @throws org.opencpm.application.selfservice.NoNoticeCoversException when no notice covers it
     */
    List<ConsentReceipt> grant(SelfSession session, PurposeCode purpose, SelfEvidence evidence);

    /** Withdraws every consent in force for a purpose that is not necessary (those the service needs stay). */
    List<ConsentReceipt> withdrawAllOptional(SelfSession session, SelfEvidence evidence);

    /** Replaces the person's preferences; the subject's version after the change. */
    long updatePreferences(SelfSession session, Preferences preferences);

    /**
     * Records a rights request of the person's (access, portability or deletion), verified by their token.
     *
     * @throws org.opencpm.application.rights.RightsRequestOpenException when one of that type is still open
     * @throws org.opencpm.domain.InvalidValueException for another type
     */
    RightsRequest requestRights(SelfSession session, RightsRequestType type);
}
