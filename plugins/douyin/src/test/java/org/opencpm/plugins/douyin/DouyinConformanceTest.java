package org.opencpm.plugins.douyin;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.IdentifierType;
import org.opencpm.connectors.api.SubjectIdentifier;
import org.opencpm.connectors.testkit.ConnectorConformanceTest;

/**
 * douyin passes the conformance suite, batched. The delivery request is the data-source update;
 * the suite decides its answers, the stub always takes a well-formed, authorised upload.
 *
 * <p>The platform receives hashed phones and an operation, nothing else: the subject is found by
 * its phone's hash, the state by the operation (1 add: granted, 2 delete: withdrawn), and — since
 * no version travels to Ocean Engine — the version a subject's change carried is the rank of the
 * request that carried it among that subject's requests. So the suite's order check here reads
 * "each change reached the platform once, in the order made, the last state last".
 */
class DouyinConformanceTest extends ConnectorConformanceTest {

    private final Map<String, String> subjectsByHash = new ConcurrentHashMap<>();
    private final Map<String, Long> seen = new ConcurrentHashMap<>();
    private volatile OceanEngineStub stub;

    static Map<String, String> settings() {
        return Map.of(DouyinConnector.ADVERTISER_ID, OceanEngineStub.ADVERTISER_ID, DouyinConnector.DATA_SOURCE_ID,
                OceanEngineStub.DATA_SOURCE_ID, DouyinConnector.APP_ID, OceanEngineStub.APP_ID, DouyinConnector.SECRET,
                OceanEngineStub.APP_SECRET, DouyinConnector.ACCESS_TOKEN, OceanEngineStub.ACCESS_TOKEN,
                DouyinConnector.REFRESH_TOKEN, OceanEngineStub.REFRESH_TOKEN, "purposes", "marketing-ads",
                "batch.windowMillis", "200");
    }

    @Override
    protected ChannelConnector connector() {
        return new DouyinConnector();
    }

    @Override
    protected Map<String, String> config() {
        return settings();
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(OceanEngineStub.APP_SECRET, OceanEngineStub.ACCESS_TOKEN, OceanEngineStub.REFRESH_TOKEN);
    }

    @Override
    protected MappingBuilder deliveryRequest() {
        return post(urlPathEqualTo(OceanEngine.UPDATE));
    }

    @Override
    protected void stubSupport(WireMockServer platform) {
        stub = new OceanEngineStub(platform, OceanEngineStub.ACCESS_TOKEN).uploads();
    }

    @Override
    protected boolean batches() {
        return true;
    }

    @Override
    protected List<String> purposes() {
        return List.of("marketing-ads");
    }

    /** A mainland mobile number of the subject's own, remembered by its hash to read uploads back. */
    @Override
    protected SubjectIdentifier[] identifiersOf(String subjectId) {
        String phone = "+86139" + String.format("%08d", Math.floorMod(subjectId.hashCode(), 100_000_000));
        subjectsByHash.put(OceanEngineStub.sha256Hex(phone.substring(3)), subjectId);
        return new SubjectIdentifier[] {SubjectIdentifier.of(IdentifierType.PHONE, phone)};
    }

    @Override
    protected List<Received> changesIn(LoggedRequest request, int index) {
        if (index == 0) {
            seen.clear();
        }
        JsonObject update = OceanEngineStub.json(request);
        String state = switch (update.getInt("operation_type")) {
            case 1 -> "granted";
            case 2 -> "withdrawn";
            default -> throw new AssertionError("operation_type " + update.getInt("operation_type"));
        };
        Map<String, List<String>> files = stub.uploadedIds();
        List<Received> out = new ArrayList<>();
        for (JsonString path : update.getJsonArray("file_paths").getValuesAs(JsonString.class)) {
            for (String hash : files.getOrDefault(path.getString(), List.of())) {
                String subject = subjectsByHash.get(hash);
                out.add(new Received(subject, seen.merge(subject, 1L, Long::sum), state, index));
            }
        }
        return out;
    }
}
