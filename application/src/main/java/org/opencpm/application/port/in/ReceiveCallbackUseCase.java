package org.opencpm.application.port.in;

/**
 * Take in a platform's callback (an SMS "回T退订" reply, a WeChat unsubscribe, a CRM's consent
 * event): its connector checks it the platform's way and turns it into consent events, which are
 * recorded like any other — so an unsubscribe by SMS reaches every other platform within seconds.
 */
public interface ReceiveCallbackUseCase {

    /** @throws org.opencpm.application.UnknownConnectorException when no running connector takes callbacks by that id */
    CallbackResponse receive(CallbackRequest request);
}
