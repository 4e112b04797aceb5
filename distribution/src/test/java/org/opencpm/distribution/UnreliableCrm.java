package org.opencpm.distribution;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.opencpm.connectors.api.Hmac;

/**
 * A CRM webhook endpoint that fails the way real ones do, decided by each request's arrival number:
 * 500s, 503s, connection resets, answers slower than OpenCPM waits (a timeout), and now and then a
 * 429 with {@code Retry-After: 1}. Requests about {@link #brokenPhones} get 400 while
 * {@link #broken} is set (a CRM that refuses those records until someone fixes it). Every request
 * is journalled in arrival order with its signature checked.
 */
final class UnreliableCrm implements ResponseDefinitionTransformerV2 {

    static final String NAME = "unreliable-crm";

    /** One change as it reached the CRM, and whether the CRM took it. */
    record Arrival(long seq, String subjectId, String phone, long version, String state, boolean signed, Answer answer) {
        boolean accepted() {
            return answer == Answer.OK || answer == Answer.TOO_SLOW;
        }
    }

    /** How the CRM answered. */
    enum Answer { OK, UNSIGNED, REFUSED_400, THROTTLED_429, ERROR_500, RESET, UNAVAILABLE_503, TOO_SLOW }

    final ConcurrentLinkedQueue<Arrival> journal = new ConcurrentLinkedQueue<>();
    volatile boolean broken = true;
    private final AtomicLong arrivals = new AtomicLong();
    private final String secret;
    private final Set<String> brokenPhones;
    private final long slowMillis;

    UnreliableCrm(String secret, Set<String> brokenPhones, long slowMillis) {
        this.secret = secret;
        this.brokenPhones = Set.copyOf(brokenPhones);
        this.slowMillis = slowMillis;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        long seq = arrivals.incrementAndGet();
        String body = event.getRequest().getBodyAsString();
        String timestamp = event.getRequest().getHeader("X-OpenCPM-Timestamp");
        boolean signed = timestamp != null && Hmac.equalsConstantTime("sha256=" + Hmac.sha256Hex(secret, timestamp + "." + body),
                event.getRequest().getHeader("X-OpenCPM-Signature"));
        List<JsonObject> changes = changesIn(body);
        boolean refused = broken && changes.stream().anyMatch(c -> brokenPhones.contains(phoneOf(c)));
        Answer kind = !signed ? Answer.UNSIGNED
                : refused ? Answer.REFUSED_400
                : seq % 997 == 500 ? Answer.THROTTLED_429
                : seq % 7 == 3 ? Answer.ERROR_500
                : seq % 11 == 5 ? Answer.RESET
                : seq % 13 == 7 ? Answer.UNAVAILABLE_503
                : seq % 101 == 50 ? Answer.TOO_SLOW
                : Answer.OK;
        ResponseDefinitionBuilder answer = ResponseDefinitionBuilder.responseDefinition();
        switch (kind) {
            case UNSIGNED -> answer.withStatus(401);
            case REFUSED_400 -> answer.withStatus(400).withBody("{\"error\":\"mobile rejected\"}");
            case THROTTLED_429 -> answer.withStatus(429).withHeader("Retry-After", "1");
            case ERROR_500 -> answer.withStatus(500);
            case RESET -> answer.withFault(Fault.CONNECTION_RESET_BY_PEER);
            case UNAVAILABLE_503 -> answer.withStatus(503);
            // taken, but answered after OpenCPM stopped waiting: it will come again (at least once)
            case TOO_SLOW -> answer.withStatus(200).withFixedDelay((int) slowMillis);
            case OK -> answer.withStatus(200);
        }
        for (JsonObject change : changes) {
            journal.add(new Arrival(seq, change.getString("subjectId"), phoneOf(change), change.getJsonNumber("version").longValue(),
                    change.getString("state", ""), signed, kind));
        }
        return answer.build();
    }

    private static List<JsonObject> changesIn(String body) {
        JsonStructure json = jakarta.json.Json.createReader(new StringReader(body)).read();
        List<JsonObject> out = new ArrayList<>();
        if (json instanceof JsonArray array) {
            for (JsonValue value : array) {
                out.add(value.asJsonObject().getJsonObject("data"));
            }
        } else {
            out.add(json.asJsonObject().getJsonObject("data"));
        }
        return out;
    }

    private static String phoneOf(JsonObject change) {
        JsonArray identifiers = change.getJsonArray("identifiers");
        return identifiers == null || identifiers.isEmpty() ? "" : identifiers.getJsonObject(0).getString("value");
    }
}
