package org.opencpm.plugins.crmwebhook;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencpm.connectors.api.CollectionChannel;
import org.opencpm.connectors.api.ConnectorConfig;
import org.opencpm.connectors.api.ConsentMethod;
import org.opencpm.connectors.api.ConsentCommand;
import org.opencpm.connectors.api.InboundHandler;
import org.opencpm.connectors.api.InboundRequest;
import org.opencpm.connectors.api.InboundResponse;
import org.opencpm.connectors.api.SubjectIdentifier;

/**
 * Consent events a CRM posts back to {@code /hooks/crm-webhook/events}, signed like outgoing ones.
 * The body is one event, an array, or {@code {"events": [...]}}; an event is
 * {@code {id, subject: {identifiers: [{type, value, scope?}]}, purpose | purposes, action,
 * notice?: {code, version}, channel?, method?, occurredAt?, evidence?}}. Channel defaults to
 * {@code crm}, method to {@code import} (OpenCPM cannot know how the CRM asked; separate-consent
 * purposes then need the CRM to say).
 *
 * <p>{@code id} is the CRM's id of the event, and required: OpenCPM records each id once, for
 * ever, so that a request sent again — a retry, or a captured grant replayed after the person
 * withdrew — records nothing. The signature window (five minutes) only bounds how long a captured
 * request can be sent at all. The answer comes after the events were recorded, in OpenCPM's own
 * JSON ({@link org.opencpm.connectors.api.InboundAnswer#STANDARD}): per event {@code recorded},
 * {@code duplicate}, {@code refused} (with the code and reason) or {@code failed}; 200 when any was
 * recorded now or before, 422 when none was, 503 when recording failed (send it again). A body that
 * is no event at all gets 400 and records nothing.
 */
final class InboundEvents implements InboundHandler {

    private final ConnectorConfig config;
    /** Strict reading: a key given twice is refused (else the last would win, e.g. a second "action"). */
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of("org.eclipse.parsson.rejectDuplicateKeys", true));
    private final Clock clock;

    InboundEvents(ConnectorConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public InboundResponse handle(InboundRequest request) {
        if (!"POST".equalsIgnoreCase(request.method()) || !request.path().equals("events")) {
            return InboundResponse.json(404, "{\"error\":\"POST /hooks/crm-webhook/events\"}", List.of());
        }
        String body;
        try {
            body = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(request.body())).toString();
        } catch (CharacterCodingException notUtf8) {
            // Never replaced by U+FFFD: two people's names would become one.
            return InboundResponse.json(400, "{\"error\":\"the body is not UTF-8\"}", List.of());
        }
        Optional<String> refusal = Signing.refusal(config.require(CrmWebhookConnector.SECRET), request.header(Signing.TIMESTAMP),
                request.header(Signing.SIGNATURE), body, clock.instant());
        if (refusal.isPresent()) {
            return InboundResponse.unauthorized("{\"error\":\"" + refusal.get() + "\"}");
        }
        List<ConsentCommand> commands = new ArrayList<>();
        try {
            JsonStructure parsed = onlyValue(body);
            List<JsonValue> events = parsed instanceof JsonArray array ? array
                    : parsed.asJsonObject().containsKey("events") ? parsed.asJsonObject().getJsonArray("events")
                    : List.of(parsed);
            for (JsonValue event : events) {
                commands.add(command(event.asJsonObject()));
            }
        } catch (RuntimeException malformed) {
            return InboundResponse.json(400, "{\"error\":\"not a consent event: " + malformed.getClass().getSimpleName() + "\"}", List.of());
        }
        return InboundResponse.record(commands);
    }

    /** The one JSON value of the body: anything after it (a second event, NDJSON) is refused, never dropped. */
    private static JsonStructure onlyValue(String body) {
        try (JsonParser parser = PARSERS.createParser(new StringReader(body))) {
            JsonParser.Event first = parser.next();
            if (first != JsonParser.Event.START_OBJECT && first != JsonParser.Event.START_ARRAY) {
                throw new IllegalArgumentException("an object or an array is required");
            }
            JsonStructure value = (JsonStructure) parser.getValue();
            if (parser.hasNext()) {
                throw new IllegalArgumentException("data after the JSON value");
            }
            return value;
        }
    }

    private static ConsentCommand command(JsonObject e) {
        List<SubjectIdentifier> identifiers = new ArrayList<>();
        for (JsonValue value : e.getJsonObject("subject").getJsonArray("identifiers")) {
            JsonObject id = value.asJsonObject();
            identifiers.add(new SubjectIdentifier(id.getString("type"), id.getString("value"), Optional.ofNullable(id.getString("scope", null))));
        }
        List<String> purposes = new ArrayList<>();
        if (e.containsKey("purpose")) {
            purposes.add(e.getString("purpose"));
        } else {
            e.getJsonArray("purposes").forEach(p -> purposes.add(((JsonString) p).getString()));
        }
        Optional<JsonObject> notice = Optional.ofNullable(e.getJsonObject("notice"));
        // The CRM's own channel and method pass through as it wrote them: the host refuses, with the reason, what is no valid value.
        return new ConsentCommand(identifiers, purposes, e.getString("action"), e.getString("channel", CollectionChannel.CRM.code()),
                e.getString("method", ConsentMethod.IMPORT.code()), notice.map(n -> n.getString("code")), notice.map(n -> n.getString("version")),
                Optional.ofNullable(e.getString("evidence", null)),
                Optional.ofNullable(e.getString("occurredAt", null)).map(t -> OffsetDateTime.parse(t).toInstant()),
                Optional.ofNullable(e.getString("id", null)));
    }
}
