package org.opencpm.plugins.tmall;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.IdentifierType;
import org.opencpm.connectors.api.SubjectIdentifier;
import org.opencpm.connectors.testkit.ConnectorConformanceTest;

/**
 * tmall passes the conformance suite, against a TOP stand-in that checks every call's signature
 * (a call signed wrong gets TOP's error 25 and would fail the suite).
 */
class TmallConformanceTest extends ConnectorConformanceTest {

    static final String APP_KEY = "12345678";
    static final String SECRET = "a3f0c9d2e7b14b6f8e0d5c1a9b7e2f40";
    static final String SESSION = "6100e2313f7c0aa0a1f1b7e0c3d4ZZ9e8f7a6b5c4d3e2f1a2200000001";
    static final String GROUP = "457201";
    /** TOP's ouids are opaque per-shop ids; the suite's subjects get one made from their id. */
    static final String OUID_PREFIX = "AAEz5pV0ANo9qOYtP1mK";

    /** How many changes of each subject were read back so far, in the order TOP got them. */
    private final Map<String, Long> seen = new HashMap<>();

    static Map<String, String> configuration() {
        return Map.of("appKey", APP_KEY, "appSecret", SECRET, "session", SESSION, "groupId", GROUP, "purposes", "marketing-tmall");
    }

    @Override
    protected ChannelConnector connector() {
        return new TmallConnector();
    }

    @Override
    protected Map<String, String> config() {
        return configuration();
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(SECRET, SESSION);
    }

    @Override
    protected MappingBuilder deliveryRequest() {
        return TopGateway.signedCall(SECRET);
    }

    @Override
    protected void stubSupport(WireMockServer platform) {
        TopGateway.refuseUnsigned(platform);
    }

    @Override
    protected List<String> purposes() {
        return List.of("marketing-tmall");
    }

    @Override
    protected SubjectIdentifier[] identifiersOf(String subjectId) {
        return new SubjectIdentifier[] {SubjectIdentifier.of(IdentifierType.TMALL_OUID, OUID_PREFIX + subjectId)};
    }

    /**
     * TOP's call carries the ouid and, in its method, the new state; it has no field for OpenCPM's
     * version. The version is therefore the subject's count of calls in the order TOP received them,
     * and what the suite checks of it is that order: the states of a subject arrive as they were made.
     */
    @Override
    protected List<Received> changesIn(LoggedRequest request, int index) {
        if (index == 0) {
            seen.clear();
        }
        Map<String, String> form = TopGateway.form(request.getBodyAsString());
        String subject = form.get("ouids").substring(OUID_PREFIX.length());
        String state = form.get("method").equals(TmallSettings.DEFAULT_OPT_IN_METHOD) ? "granted" : "withdrawn";
        return List.of(new Received(subject, seen.merge(subject, 1L, Long::sum), state, index));
    }
}
