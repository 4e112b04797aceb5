package org.opencpm.connectors.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.opencpm.application.EventIdRequiredException;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.RecordConsentCommand;
import org.opencpm.application.port.in.SubjectReference;
import org.opencpm.application.port.out.InboundEvent;
import org.opencpm.connectors.api.ConsentCommand;
import org.opencpm.connectors.api.SubjectIdentifier;
import org.opencpm.domain.DomainException;
import org.opencpm.domain.InvalidValueException;
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
 * connector as their actor and under the idempotency key {@code connector:<connector>:<event id>}. A command
 * that is not one (no event id, an unknown action, a phone that is no phone) becomes a refused
 * event, answered to the platform with its reason and counted — never dropped with a log line.
 */
public final class InboundCommands {

    /** What the idempotency key allows in an event id: printable ASCII without spaces. */
    private static final Pattern EVENT_ID = Pattern.compile("[\\x21-\\x7e]+");
    private static final int MAX_KEY = 128;

    List<InboundEvent> toEvents(String connectorId, List<ConsentCommand> commands) {
        List<InboundEvent> out = new ArrayList<>(commands.size());
        for (ConsentCommand command : commands) {
            out.add(toEvent(connectorId, command));
        }
        return out;
    }

    private static InboundEvent toEvent(String connectorId, ConsentCommand command) {
        Optional<String> id = command.idempotencyKey();
        if (id.isEmpty() || id.get().isEmpty()) {
            return InboundEvent.refused(Optional.empty(), new EventIdRequiredException());
        }
        int longest = MAX_KEY - key(connectorId, "").length();
        if (id.get().length() > longest || !EVENT_ID.matcher(id.get()).matches()) {
            return InboundEvent.refused(Optional.empty(), new InvalidValueException("id",
                    "the event id must be 1–" + longest + " printable ASCII characters without spaces"));
        }
        try {
            return InboundEvent.toRecord(id.get(), toCommand(connectorId, command));
        } catch (DomainException invalid) {
            return InboundEvent.refused(id, invalid);
        } catch (IllegalArgumentException invalid) {
            return InboundEvent.refused(id, new InvalidValueException("event", String.valueOf(invalid.getMessage())));
        }
    }

    /** {@code connector:<connector id>:<event id>}: one namespace per connector, which no API client may use. */
    static String key(String connectorId, String eventId) {
        return Actor.connector(connectorId).id() + ":" + eventId;
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
                evidence, Optional.empty(), c.occurredAt(), c.idempotencyKey().map(id -> key(connectorId, id)),
                Actor.connector(connectorId));
    }
}
