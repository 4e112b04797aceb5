package org.opencpm.application.port.out;

import java.util.List;
import org.opencpm.application.port.in.RecordConsentCommand;

/**
 * What a connector made of a callback: the answer the platform expects (its own format), and the
 * consent events to record (an SMS "TD" reply becomes a withdrawal). A callback that fails its
 * signature or token check gets an answer (401) and no events.
 */
public record InboundOutcome(int status, String contentType, byte[] body, List<RecordConsentCommand> commands) {

    public InboundOutcome {
        body = body.clone();
        commands = List.copyOf(commands);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
