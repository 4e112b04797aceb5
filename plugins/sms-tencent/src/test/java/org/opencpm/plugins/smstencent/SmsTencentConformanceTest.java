package org.opencpm.plugins.smstencent;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.IdentifierType;
import org.opencpm.connectors.api.InboundRequest;
import org.opencpm.connectors.api.SubjectIdentifier;
import org.opencpm.connectors.testkit.ConnectorConformanceTest;

/**
 * sms-tencent passes the conformance suite as a connector that pushes no consent change (Tencent
 * keeps none): every change is settled without a request to SendSms, no secret reaches a log or a
 * stored error (changes and a reply callback), and an unsubscribe reply's event carries a stable id.
 */
class SmsTencentConformanceTest extends ConnectorConformanceTest {

    @Override
    protected ChannelConnector connector() {
        return new SmsTencentConnector();
    }

    @Override
    protected Map<String, String> config() {
        return ReplyInboxTest.config();
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(SmsSenderTest.SECRET_KEY, ReplyInboxTest.TOKEN);
    }

    @Override
    protected boolean pushesChanges() {
        return false;
    }

    /** The request a consent change must never cause: a SendSms. */
    @Override
    protected MappingBuilder deliveryRequest() {
        return TencentCloudStub.sendSms();
    }

    /** A consent change never reaches Tencent, so no request carries one. */
    @Override
    protected List<Received> changesIn(LoggedRequest request, int index) {
        return List.of();
    }

    @Override
    protected List<String> purposes() {
        return List.of("marketing-sms", "promotions-sms");
    }

    @Override
    protected SubjectIdentifier[] identifiersOf(String subjectId) {
        return new SubjectIdentifier[] {SubjectIdentifier.of(IdentifierType.PHONE, "+86138" + String.format("%08d", Math.abs(subjectId.hashCode()) % 100_000_000))};
    }

    @Override
    protected Optional<InboundRequest> sampleCallback() {
        return Optional.of(ReplyInboxTest.reply(ReplyInboxTest.TD_REPLY, ReplyInboxTest.TOKEN));
    }
}
