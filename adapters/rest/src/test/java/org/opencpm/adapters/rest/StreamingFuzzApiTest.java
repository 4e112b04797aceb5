package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.client.WebTarget;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Random bodies for the streaming endpoints — valid lines and rows mixed with random bytes, stray
 * quotes, commas, CRs, NULs, long runs — never get a 5xx: a 200 whose every NDJSON line is a JSON
 * object, or a 4xx problem before the answer started.
 */
@HelidonTest
class StreamingFuzzApiTest {

    private static final long SEED = 0x13L;
    private static final String[] PIECES = {"phone:13800138000", "phone:+86 138 0013 8000", "email:A@B.cn", "wechat_openid:wx1:o_1",
            "crm_id::a:b", ",", "\"", "\"\"", "\r", "\n", "\r\n", "\u0000", "张三", "mobile", "id,mobile\n", ":", " ", "\t", "\uFEFF"};

    @Inject
    WebTarget target;

    private StreamingClient client;

    @BeforeEach
    void catalogue() {
        Catalogue.define(new Api(target, InMemoryWiring.ADMIN_KEY));
        client = new StreamingClient(target, InMemoryWiring.INTEGRATOR_KEY);
    }

    @Test
    void random_bodies_never_get_a_5xx() {
        Random random = new Random(SEED);
        String[] accepts = {"text/plain", "application/x-ndjson", "text/csv", "*/*"};
        for (int n = 0; n < 150; n++) {
            byte[] body = body(random);
            boolean gate = random.nextBoolean();
            String accept = gate ? "text/csv" : accepts[random.nextInt(accepts.length)];
            HttpResponse<String> reply = gate
                    ? client.post("api/v1/datasets:gate?purpose=marketing-sms&subjectColumn=mobile&idType=phone"
                    + (random.nextBoolean() ? "&mode=deidentify&pii=id" : ""), "text/csv", accept, body)
                    : client.post("api/v1/decisions:filter?purpose=marketing-sms", "text/plain", accept, body);
            String where = "seed " + SEED + " case " + n + (gate ? " gate" : " filter " + accept);
            assertThat(reply.statusCode()).as(where + ": " + reply.body()).isLessThan(500);
            if (reply.statusCode() >= 400) {
                assertThat(reply.headers().firstValue("Content-Type").orElse("")).as(where).startsWith("application/problem+json");
            } else if (accept.equals("application/x-ndjson")) {
                reply.body().lines().forEach(line -> assertThat(Json.createReader(new StringReader(line)).readObject()).as(where).isNotNull());
            }
        }
    }

    private static byte[] body(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (random.nextInt(3) > 0) {
            out.writeBytes("id,mobile\n".getBytes(StandardCharsets.UTF_8));
        }
        int pieces = random.nextInt(60);
        for (int i = 0; i < pieces; i++) {
            switch (random.nextInt(6)) {
                case 0 -> {
                    byte[] noise = new byte[random.nextInt(40)];
                    random.nextBytes(noise);
                    out.writeBytes(noise);
                }
                case 1 -> out.writeBytes("x".repeat(random.nextInt(6000)).getBytes(StandardCharsets.UTF_8));
                default -> out.writeBytes(PIECES[random.nextInt(PIECES.length)].getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }
}
