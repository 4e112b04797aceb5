package org.opencpm.distribution;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.Config;
import org.opencpm.adapters.vault.KeyedIdentityVault;
import org.opencpm.adapters.vault.SelfTokenKey;
import org.opencpm.application.Ports;
import org.opencpm.application.alert.ObservedSubjectConsents;
import org.opencpm.application.alert.RiskSignals;
import org.opencpm.application.consent.SubjectConsentRecorder;
import org.opencpm.application.port.in.LookupSubjectUseCase;
import org.opencpm.application.port.in.ManagePreferencesUseCase;
import org.opencpm.application.port.out.MessageGateways;
import org.opencpm.application.port.out.Clock;
import org.opencpm.application.rights.RightsRequestService;
import org.opencpm.application.selfservice.PreferenceLinkService;
import org.opencpm.application.selfservice.SelfServiceService;
import org.opencpm.application.selfservice.SelfTokens;
import org.opencpm.application.selfservice.SmsSignInService;

/**
 * The preference centre's use cases, wired on one signing key (ADR 0022): the links an operator
 * issues, what a person does with one, and the SMS sign-in, whose codes are sent off the request
 * thread by an executor closed with the node.
 */
final class PreferenceCentreWiring implements AutoCloseable {

    final PreferenceLinkService links;
    final SelfServiceService self;
    final SmsSignInService smsSignIn;
    private final ExecutorService smsSender = Executors.newVirtualThreadPerTaskExecutor();

    PreferenceCentreWiring(Config config, Path secrets, Ports ports, Clock clock, RiskSignals riskSignals,
                           ManagePreferencesUseCase preferences, RightsRequestService rightsRequests, LookupSubjectUseCase subjects,
                           KeyedIdentityVault vault, MessageGateways gateways) {
        SelfTokenKey key = SelfTokenKeys.from(config, secrets);
        SelfTokens tokens = new SelfTokens(key);
        this.links = new PreferenceLinkService(ports.subjects(), ports.erasures(), clock, tokens);
        this.self = new SelfServiceService(tokens, ports.subjects(), ports.erasures(), ports.purposes(), ports.notices(),
                ports.consents(), ports.rightsRequests(), clock,
                new ObservedSubjectConsents(new SubjectConsentRecorder(ports), riskSignals), preferences, rightsRequests);
        this.smsSignIn = new SmsSignInService(key, tokens, subjects, vault, gateways, SelfTokenKeys.smsConnector(config),
                SelfTokenKeys.smsTemplate(config), smsSender, clock, SmsLimitsConfig.from(config));
    }

    /** Waits for the codes being sent. */
    @Override
    public void close() {
        smsSender.close();
    }
}
