package org.opencpm.application.alert;

import org.opencpm.application.port.in.IssueSendPermitUseCase;
import org.opencpm.application.port.in.SendPermit;
import org.opencpm.application.port.in.SendPermitCommand;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.preference.ContactChannel;

/** Send permits, counted for the risk rules: each refused for the person's quiet hours. */
public final class ObservedSendPermits implements IssueSendPermitUseCase {

    private final IssueSendPermitUseCase permits;
    private final RiskSignals signals;

    public ObservedSendPermits(IssueSendPermitUseCase permits, RiskSignals signals) {
        this.permits = permits;
        this.signals = signals;
    }

    @Override
    public SendPermit issue(SendPermitCommand command) {
        SendPermit permit = permits.issue(command);
        if (!permit.granted() && permit.reason() == Reason.QUIET_HOURS) {
            signals.quietHourAttempt();
        }
        return permit;
    }

    @Override
    public void giveBack(SendPermit permit, ContactChannel channel) {
        permits.giveBack(permit, channel);
    }
}
