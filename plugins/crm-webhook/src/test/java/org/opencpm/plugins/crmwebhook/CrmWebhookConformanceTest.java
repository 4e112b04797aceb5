package org.opencpm.plugins.crmwebhook;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.InboundRequest;
import org.opencpm.connectors.api.SubjectIdentifier;
import org.opencpm.connectors.testkit.ConnectorConformanceTest;

/** crm-webhook passes the conformance suite, unbatched and batched. */
class CrmWebhookConformanceTest extends ConnectorConformanceTest {

    static final String SECRET = "whsec-3f9a1c0d77e2b4";

    @Override
    protected ChannelConnector connector() {
        return new CrmWebhookConnector();
    }

    @Override
    protected Map<String, String> config() {
        return Map.of("url", "${baseUrl}/crm/opencpm-events", "secret", SECRET);
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(SECRET);
    }

    /** Not marketing-sms: the suite carries whatever purposes the connector is for. */
    @Override
    protected List<String> purposes() {
        return List.of("marketing-email", "newsletter");
    }

    @Override
    protected SubjectIdentifier[] identifiersOf(String subjectId) {
        return new SubjectIdentifier[] {SubjectIdentifier.of("crm_id", "crm-" + subjectId), SubjectIdentifier.of("email", subjectId + "@example.com")};
    }

    @Override
    protected MappingBuilder deliveryRequest() {
        return post(urlPathEqualTo("/crm/opencpm-events"));
    }

    @Override
    protected boolean batches() {
        return true;
    }

    @Override
    protected Optional<InboundRequest> sampleCallback() {
        String body = """
                {"events": [{"id": "crm-evt-1", "subject": {"identifiers": [{"type": "crm_id", "value": "C-1001"}]},
                  "purpose": "marketing-email", "action": "withdraw", "method": "button"}]}""";
        long timestamp = Instant.now().getEpochSecond();
        return Optional.of(new InboundRequest("events", "POST", Map.of(), Map.of(Signing.TIMESTAMP, List.of(Long.toString(timestamp)),
                Signing.SIGNATURE, List.of(Signing.sign(SECRET, timestamp, body))), body.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    protected List<Received> changesIn(LoggedRequest request, int index) {
        JsonStructure body = Json.createReader(new StringReader(request.getBodyAsString())).read();
        List<Received> out = new ArrayList<>();
        JsonArray events = body instanceof JsonArray array ? array : Json.createArrayBuilder().add(body).build();
        for (JsonValue value : events) {
            JsonObject data = value.asJsonObject().getJsonObject("data");
            out.add(new Received(data.getString("subjectId"), data.getJsonNumber("version").longValue(), data.getString("state"), index));
        }
        return out;
    }
}
