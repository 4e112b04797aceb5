package org.opencpm.connectors.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.testkit.sample.MemberConnector;
import org.opencpm.connectors.api.SubjectIdentifier;

/**
 * The suite, run on a connector that takes neither {@code marketing-sms} nor phones: it passes
 * only because the suite uses the purposes and identifiers stated here.
 */
class MemberConnectorConformanceTest extends ConnectorConformanceTest {

    static final String KEY = "mk-live-5b1e07c2a9";

    @Override
    protected ChannelConnector connector() {
        return new MemberConnector();
    }

    @Override
    protected Map<String, String> config() {
        return Map.of(MemberConnector.API_KEY, KEY, MemberConnector.PURPOSES, "loyalty-points,member-newsletter");
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(KEY);
    }

    @Override
    protected List<String> purposes() {
        return List.of("loyalty-points", "member-newsletter");
    }

    @Override
    protected SubjectIdentifier[] identifiersOf(String subjectId) {
        return new SubjectIdentifier[] {SubjectIdentifier.of("member_id", "M-" + subjectId)};
    }

    @Override
    protected MappingBuilder deliveryRequest() {
        return post(urlPathEqualTo("/members/consents"));
    }

    @Override
    protected List<Received> changesIn(LoggedRequest request, int index) {
        String[] fields = request.getBodyAsString().split(";");
        return List.of(new Received(fields[0], Long.parseLong(fields[1]), fields[2], index));
    }
}
