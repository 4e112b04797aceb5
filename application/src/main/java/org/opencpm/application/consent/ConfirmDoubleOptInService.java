package org.opencpm.application.consent;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencpm.application.ConfirmationTokenInvalidException;
import org.opencpm.application.Ports;
import org.opencpm.application.Retrying;
import org.opencpm.application.UnknownPurposeException;
import org.opencpm.application.port.in.ConfirmDoubleOptInCommand;
import org.opencpm.application.port.in.ConfirmDoubleOptInUseCase;
import org.opencpm.application.port.in.ConsentReceipt;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.port.out.ConfirmationTokens;
import org.opencpm.application.port.out.ConsentStore;
import org.opencpm.application.port.out.IdentityVault;
import org.opencpm.application.port.out.PendingConfirmation;
import org.opencpm.application.port.out.PurposeStore;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.application.subject.SubjectResolver;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.ConsentAction;
import org.opencpm.domain.consent.ConsentRecorder;
import org.opencpm.domain.consent.ConsentRequest;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.Subject;

/** Confirms a pending grant with the one-time token from the person's confirmation link. */
public final class ConfirmDoubleOptInService implements ConfirmDoubleOptInUseCase {

    private final PurposeStore purposes;
    private final SubjectStore subjects;
    private final ConsentStore consents;
    private final ConfirmationTokens tokens;
    private final IdentityVault vault;
    private final Clock clock;
    private final Retrying retrying;
    private final ConsentWriter writer;
    private final SubjectResolver resolver;

    public ConfirmDoubleOptInService(Ports ports) {
        this.purposes = ports.purposes();
        this.subjects = ports.subjects();
        this.consents = ports.consents();
        this.tokens = ports.confirmationTokens();
        this.vault = ports.vault();
        this.clock = ports.clock();
        this.retrying = new Retrying(ports.transactions());
        this.writer = new ConsentWriter(ports, retrying);
        this.resolver = new SubjectResolver(vault);
    }

    @Override
    public ConsentReceipt confirm(ConfirmDoubleOptInCommand command) {
        Instant now = clock.now();
        return retrying.inTransaction(() -> {
            PendingConfirmation pending = tokens.take(vault.pseudonym(command.token()))
                    .orElseThrow(() -> new ConfirmationTokenInvalidException("unknown or already used"));
            if (!now.isBefore(pending.expiresAt())) {
                throw new ConfirmationTokenInvalidException("expired: grant the consent again to get a new link");
            }
            if (command.intended().isPresent() && !isFor(command.intended().get(), pending)) {
                // Rolled back with the transaction: the token stays usable by its own link.
                throw new ConfirmationTokenInvalidException("not the one sent for this subject and purpose");
            }
            Subject subject = subjects.find(pending.subject())
                    .orElseThrow(() -> new IllegalStateException("pending confirmation for missing subject " + pending.subject()));
            if (subjects.mergedInto(subject.id()).isPresent()) {
                // the person's record was merged into another, which holds the choice now in force
                throw new ConfirmationTokenInvalidException("the person's records were merged since: grant the consent again to get a new link");
            }
            Purpose purpose = purposes.find(pending.purpose())
                    .orElseThrow(() -> new UnknownPurposeException(pending.purpose()));
            Map<PurposeCode, Consent> current = consents.consentsOf(subject.id());
            ConsentRequest request = new ConsentRequest(ConsentAction.CONFIRM, List.of(purpose), Optional.empty(),
                    Optional.empty(), command.evidence(), Optional.empty(), Set.of(), command.occurredAt().orElse(now));
            ConsentRecorder.Recording recording = ConsentRecorder.record(request, subject, current, now);
            return writer.write(recording, Optional.of(subject.version()), current, Map.of(), Map.of(), Optional.empty(),
                    command.actor(), now).get(0);
        });
    }

    private boolean isFor(ConfirmDoubleOptInCommand.Intended intended, PendingConfirmation pending) {
        return intended.purpose().equals(pending.purpose())
                && resolver.resolve(resolver.hashes(intended.subject().identifiers()).values(), subjects::findByIdentifier)
                        .filter(pending.subject()::equals).isPresent();
    }
}
