package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The streaming endpoints' body limit ({@code opencpm.http.max-stream-bytes}, here 2,000 bytes): a
 * declared length over it is refused with 413 before anything is read; a chunked body that grows
 * past it after the answer started (its status sent) ends the answer with an error line that no
 * answer to a line can be mistaken for, and nothing after it.
 */
@HelidonTest
@AddConfig(key = "opencpm.http.max-stream-bytes", value = "2000")
class StreamLimitApiTest {


    @Inject
    WebTarget target;

    private StreamingClient client;

    @BeforeEach
    void catalogue() {
        Catalogue.define(new Api(target, InMemoryWiring.ADMIN_KEY));
        client = new StreamingClient(target, InMemoryWiring.INTEGRATOR_KEY);
    }

    @Test
    @DisplayName("A declared length over the limit is refused with 413 before the body is read")
    void declared_length_over_the_limit() {
        String body = "phone:13912345678\n".repeat(200);
        Problems.assertProblem(client.post("api/v1/decisions:filter?purpose=marketing-sms", "text/plain", "text/plain", body),
                413, "payload-too-large");
        Problems.assertProblem(client.post("api/v1/datasets:gate?purpose=marketing-sms&subjectColumn=phone&idType=phone",
                "text/csv", "text/csv", "phone\n" + "13912345678\n".repeat(200)), 413, "payload-too-large");
    }

    @Test
    @DisplayName("A chunked body that passes the limit mid-answer: an error line, then the connection cut (NDJSON)")
    void chunked_body_over_the_limit_ndjson() throws Exception {
        try (ChunkedExchange exchange = new ChunkedExchange(client.port(), "api/v1/decisions:filter?purpose=marketing-sms",
                InMemoryWiring.INTEGRATOR_KEY, "text/plain", "application/x-ndjson")) {
            exchange.send("phone:13912345678\n".repeat(10));
            exchange.readUntil("\"line\":10,");
            for (int i = 0; i < 20; i++) {
                exchange.send("phone:13912345678\n".repeat(10));
            }
            String all = exchange.readToEnd();
            assertThat(all).contains("{\"kind\":\"error\",\"code\":\"payload-too-large\"");
            assertThat(all.lastIndexOf("{\"kind\":\"error\"")).as("the error is the last line").isGreaterThan(all.lastIndexOf("\"line\":"));
            assertThat(all).endsWith("\r\n0\r\n\r\n");
        }
    }

    @Test
    @DisplayName("The same in text: an #error line, then the connection cut")
    void chunked_body_over_the_limit_text() throws Exception {
        try (ChunkedExchange exchange = new ChunkedExchange(client.port(), "api/v1/decisions:filter?purpose=marketing-sms",
                InMemoryWiring.INTEGRATOR_KEY, "text/plain", "text/plain")) {
            for (int i = 0; i < 30; i++) {
                exchange.send("phone:13912345678\n".repeat(10));
            }
            String all = exchange.readToEnd();
            assertThat(all).startsWith("HTTP/1.1 200").contains("#error payload-too-large: the request body is larger than 2000 bytes");
            assertThat(all).endsWith("the answer stops after line 110\n\r\n0\r\n\r\n");
        }
    }

    @Test
    @DisplayName("The same in a gated dataset: a last row of one field, #error …")
    void chunked_body_over_the_limit_csv() throws Exception {
        try (ChunkedExchange exchange = new ChunkedExchange(client.port(),
                "api/v1/datasets:gate?purpose=marketing-sms&subjectColumn=phone&idType=phone&mode=deidentify",
                InMemoryWiring.INTEGRATOR_KEY, "text/csv", "text/csv")) {
            exchange.send("phone,note\r\n");
            for (int i = 0; i < 30; i++) {
                exchange.send("13912345678,\"a, b\"\r\n".repeat(5));
            }
            String all = exchange.readToEnd();
            assertThat(all).startsWith("HTTP/1.1 200").contains("phone,note\r\n");
            assertThat(all).endsWith("#error payload-too-large: the request body is larger than 2000 bytes; the answer is incomplete\r\n\r\n0\r\n\r\n");
        }
    }
}
