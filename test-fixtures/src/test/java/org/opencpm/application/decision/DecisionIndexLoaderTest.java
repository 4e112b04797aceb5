package org.opencpm.application.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.testfixtures.ConsentEvents.PHONE;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;

import org.junit.jupiter.api.Test;
import org.opencpm.adapters.decisionindex.MemoryDecisionIndex;
import org.opencpm.application.Ports;
import org.opencpm.application.port.in.DecisionQuery;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.application.port.in.WarmUpDecisionIndexUseCase.Loaded;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.decision.UsageRequest;
import org.opencpm.testfixtures.InMemoryOpenCpm;

class DecisionIndexLoaderTest {

    @Test
    void a_fresh_index_loaded_from_the_stores_decides_as_the_live_one_did() {
        InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS);
        cpm.recordConsent.record(aGrant().by(PHONE).of(MARKETING_SMS).on(cpm.publish("privacy-policy", "1", true, MARKETING_SMS)).build());

        MemoryDecisionIndex restarted = new MemoryDecisionIndex();
        Ports p = cpm.ports;
        Ports afterRestart = new Ports(p.purposes(), p.notices(), p.subjects(), p.consents(), p.preferences(), p.audit(), p.outbox(),
                p.subscriptions(), p.deadLetters(), p.connectorRuntime(), p.idempotency(), p.confirmationTokens(), p.sendBudget(), restarted, p.decisionLog(), p.subjectStates(), p.apiKeys(), p.rightsRequests(),
                p.subjectKeys(), p.erasures(), p.shredder(), p.vault(), p.personalCipher(), p.clock(), p.transactions());

        Loaded loaded = new DecisionIndexLoader(afterRestart).warmUp();

        assertThat(loaded).isEqualTo(new Loaded(1, 1, 1, 1));
        DecisionQuery query = new DecisionQuery(SubjectLocator.by(PHONE), MARKETING_SMS.code(), UsageRequest.ANY);
        assertThat(new DecisionService(afterRestart).decide(query).decision().reason()).isEqualTo(Reason.GRANTED);
        assertThat(new DecisionService(afterRestart).decide(query)).isEqualTo(cpm.decide.decide(query));
    }
}
