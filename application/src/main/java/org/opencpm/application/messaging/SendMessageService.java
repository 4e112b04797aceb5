package org.opencpm.application.messaging;

import java.util.List;
import java.util.Optional;
import org.opencpm.application.UnknownConnectorException;
import org.opencpm.application.port.in.IssueSendPermitUseCase;
import org.opencpm.application.port.in.MessageSent;
import org.opencpm.application.port.in.MessageSent.Outcome;
import org.opencpm.application.port.in.SendMessageCommand;
import org.opencpm.application.port.in.SendMessageUseCase;
import org.opencpm.application.port.in.SendPermit;
import org.opencpm.application.port.in.SendPermitCommand;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.application.port.out.MessageGateway;
import org.opencpm.application.port.out.MessageGateways;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.subject.Identifier;

/**
 * Sends a message through a send gateway (an SMS connector) only under a send permit (MIIT Order
 * 31: no commercial SMS without consent; consumer-protection rules on frequency and quiet hours):
 * the permit is asked for the gateway's channel first — consent, channel enabled, frequency budget
 * (one unit taken atomically), quiet hours and curfew — and the gateway is called only when it is
 * granted. The permit is asked for the owner of the recipient's number (the request's other
 * identifiers do not choose whom it is for). A message refused before it left (by the connector or
 * the platform) gives its unit back; one whose fate is unknown (a platform that timed out may have
 * sent it) keeps it taken.
 */
public final class SendMessageService implements SendMessageUseCase {

    private final MessageGateways gateways;
    private final IssueSendPermitUseCase permits;

    public SendMessageService(MessageGateways gateways, IssueSendPermitUseCase permits) {
        this.gateways = gateways;
        this.permits = permits;
    }

    @Override
    public MessageSent send(SendMessageCommand command) {
        MessageGateway gateway = gateways.gateway(command.connectorId())
                .orElseThrow(() -> new UnknownConnectorException(command.connectorId(), "or it is not enabled and running, or sends no messages"));
        List<Identifier> recipients = command.subject().identifiers().stream().filter(id -> id.type() == gateway.recipientType()).distinct().toList();
        if (recipients.size() != 1) {
            throw new InvalidValueException("subject.identifiers", "connector " + command.connectorId() + " sends to one "
                    + gateway.recipientType().code() + ": give exactly one among the identifiers");
        }
        Identifier recipient = recipients.get(0);
        // The permit is for whoever the recipient's number belongs to, never for another identifier of
        // the request: a stranger's number listed beside a consenting person's must not ride on their permit.
        SendPermit permit = permits.issue(new SendPermitCommand(SubjectLocator.by(recipient), command.purpose(), gateway.channel(),
                command.topic(), command.actor()));
        if (!permit.granted()) {
            return new MessageSent(Outcome.NOT_PERMITTED, Optional.empty(), Optional.of(permit.reason()), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), permit.subjectId());
        }
        String permitId = permit.permitId().orElseThrow();
        MessageGateway.Receipt receipt = gateway.send(new MessageGateway.Message(permitId, recipient, command.purpose(), command.topic(),
                command.template(), command.parameters()));
        Optional<String> issued = Optional.of(permitId);
        return switch (receipt) {
            case MessageGateway.Accepted accepted -> new MessageSent(Outcome.SENT, issued, Optional.empty(), Optional.of(accepted.messageId()),
                    Optional.empty(), Optional.empty(), Optional.empty(), permit.subjectId());
            case MessageGateway.Refused refused -> {
                // Refused before it left: it does not count toward the person's cap.
                permits.giveBack(permit, gateway.channel());
                yield new MessageSent(Outcome.PLATFORM_REFUSED, issued, Optional.empty(), Optional.empty(),
                        Optional.of(refused.platformCode()), Optional.of(refused.reason()), Optional.empty(), permit.subjectId());
            }
            case MessageGateway.Unavailable unavailable -> new MessageSent(Outcome.PLATFORM_UNAVAILABLE, issued, Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.of(unavailable.reason()), unavailable.retryAfter(), permit.subjectId());
        };
    }
}
