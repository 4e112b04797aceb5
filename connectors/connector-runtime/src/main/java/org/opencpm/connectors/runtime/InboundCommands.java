package org.opencpm.connectors.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.RecordConsentCommand;
import org.opencpm.application.port.in.SubjectReference;
import org.opencpm.connectors.api.ConsentCommand;
import org.opencpm.connectors.api.SubjectIdentifier;
import org.opencpm.domain.DomainException;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.consent.ConsentAction;
import org.opencpm.domain.consent.ConsentMethod;
import org.opencpm.domain.consent.Evidence;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.IdentifierType;

/**
 * Turns a connector's {@link ConsentCommand}s into the application's commands, recorded with the
 * connector as their actor. A command that is not one (an unknown action, a phone that is no phone)
 * is left out and logged, without its values.
 */
public final class InboundCommands {

    private static final Logger LOG = Logger.getLogger(InboundCommands.class.getName());

    List<RecordConsentCommand> toCommands(String connectorId, List<ConsentCommand> commands) {
        List<RecordConsentCommand> out = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            try {
                out.add(toCommand(connectorId, commands.get(i)));
            } catch (DomainException | IllegalArgumentException invalid) {
                int index = i;
                String why = invalid instanceof DomainException d ? d.code() + " " + d.getMessage() : invalid.getMessage();
                LOG.warning(() -> "connector " + connectorId + " produced an invalid consent command #" + index + ": " + why);
            }
        }
        return out;
    }

    static RecordConsentCommand toCommand(String connectorId, ConsentCommand c) {
        List<Identifier> identifiers = new ArrayList<>();
        for (SubjectIdentifier id : c.identifiers()) {
            identifiers.add(Identifier.of(IdentifierType.parse(id.type(), "identifiers.type"), id.value(), id.scope().orElse(null),
                    "identifiers"));
        }
        Optional<NoticeRef> notice = c.noticeCode().isPresent() && c.noticeVersion().isPresent()
                ? Optional.of(NoticeRef.of(c.noticeCode().get(), c.noticeVersion().get()))
                : Optional.empty();
        Evidence evidence = new Evidence(CollectionChannel.parse(c.channel(), "channel"), ConsentMethod.parse(c.method(), "method"),
                Optional.empty(), Optional.empty(), Optional.of("connector " + connectorId), c.evidence());
        return new RecordConsentCommand(new SubjectReference(identifiers, Optional.empty(), Optional.empty()),
                c.purposes().stream().map(PurposeCode::of).toList(), ConsentAction.parseClientAction(c.action(), "action"), notice,
                evidence, Optional.empty(), c.occurredAt(), c.idempotencyKey().map(key -> connectorId + ":" + key),
                Actor.connector(connectorId));
    }
}
