package org.opencpm.plugins.smsaliyun;


import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.InboundRequest;
import org.opencpm.connectors.api.SubjectIdentifier;
import org.opencpm.connectors.testkit.ConnectorConformanceTest;

/**
 * sms-aliyun against the conformance suite. A send gateway pushes nothing when a consent changes (the
 * host just stops granting it send permits): {@link #pushesChanges()} is false, so the suite checks
 * that every change is settled without a request instead of order, retries and dead letters, which
 * have nothing to observe. Its callbacks carry Alibaba Cloud's ids and its answer follows what was
 * recorded. Its secrets are kept out of logs on the paths that use them: {@link SendSmsSenderTest}.
 */
class SmsAliyunConformanceTest extends ConnectorConformanceTest {

    @Override
    protected boolean pushesChanges() {
        return false;
    }

    @Override
    protected ChannelConnector connector() {
        return new SmsAliyunConnector();
    }

    @Override
    protected Map<String, String> config() {
        return Fixtures.CONFIG;
    }

    @Override
    protected Set<String> secrets() {
        return Fixtures.SECRETS;
    }

    /** Never made on a consent change; named for the suite's signature, and checked absent below. */
    @Override
    protected MappingBuilder deliveryRequest() {
        return AliyunGateway.sendSms();
    }

    @Override
    protected List<Received> changesIn(LoggedRequest request, int index) {
        throw new AssertionError("a consent change made a request to Dysmsapi: " + request.getUrl());
    }

    @Override
    protected List<String> purposes() {
        return List.of("marketing-sms");
    }

    /** The connector asks for no identifiers on changes. */
    @Override
    protected SubjectIdentifier[] identifiersOf(String subjectId) {
        return new SubjectIdentifier[0];
    }

    @Override
    protected Optional<InboundRequest> sampleCallback() {
        return Optional.of(Fixtures.push(SmsUpInboxTest.DOCUMENTED_SAMPLE.replace("1381111****", "13811112222").replace("内容", "TD"),
                Fixtures.TOKEN));
    }
}
