package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.adapters.rest.Api.json;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencpm.application.port.in.ManageApiKeysUseCase;
import org.opencpm.application.port.in.RecordConsentUseCase;
import org.opencpm.application.port.in.SelfServiceUseCase;
import org.opencpm.application.port.in.SmsSignInUseCase;

/**
 * One client address per request: the API key's throttling, the SDK's consent evidence, the
 * preference centre's evidence and the SMS sign-in's limits are all handed the same address,
 * worked out once (behind the trusted proxy these tests connect as, the one it names).
 */
@HelidonTest
class ClientAddressApiTest {

    private static final String BRAND = "https://shop.brand.example";

    @Inject
    WebTarget target;

    private final HttpClient http = HttpClient.newHttpClient();
    private Api admin;
    private Api integrator;

    @BeforeEach
    void catalogue() {
        admin = new Api(target, InMemoryWiring.ADMIN_KEY);
        integrator = admin.as(InMemoryWiring.INTEGRATOR_KEY);
        Catalogue.define(admin);
        SmsTestGateway.installed();
    }

    @AfterEach
    void noGateway() {
        SmsTestGateway.uninstall();
    }

    @ParameterizedTest(name = "X-Forwarded-For {0} → {1}")
    @CsvSource({
            "198.51.100.61, 198.51.100.61",
            "'203.0.113.1, 2001:db8::61', 2001:db8::61",
            "not-an-address, 127.0.0.1",
    })
    void every_consumer_is_handed_the_same_address(String forwardedFor, String expected) {
        String collector = admin.post("api/v1/api-keys", json("{'name': 'brand site', 'roles': ['collector'], 'origins': ['" + BRAND + "/']}"))
                .json().getString("key");
        String noticeHash = admin.get("api/v1/notices/privacy-policy/versions/2026-01").json().getString("contentHash");
        String phone = Api.freshPhone();
        String subject = integrator.post("api/v1/consents", Catalogue.grant(phone, "'purpose': 'marketing-sms'")).json().getString("subjectId");
        String url = integrator.post("api/v1/subjects/" + subject + "/preference-links", "{}").json().getString("url");
        String token = url.substring(url.indexOf("#t=") + 3);
        AddressesSeen.LAST.clear();

        assertThat(send("POST", "api/v1/sdk/consents", json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms', 'action': 'grant',
                  'notice': {'code': 'privacy-policy', 'version': '2026-01', 'contentHash': '%s'},
                  'channel': 'web', 'method': 'checkbox' }""".formatted(Api.freshPhone(), noticeHash)),
                collector, forwardedFor, "Origin", BRAND)).isEqualTo(201);
        assertThat(send("POST", "api/v1/self/consents", "{\"purpose\": \"marketing-sms\", \"action\": \"withdraw\"}",
                token, forwardedFor)).isEqualTo(200);
        assertThat(send("POST", "api/v1/self/sms-codes", "{\"phone\": \"" + phone + "\"}", null, forwardedFor)).isEqualTo(202);
        assertThat(send("GET", "api/v1/purposes", null, InMemoryWiring.INTEGRATOR_KEY, forwardedFor)).isEqualTo(200);

        assertThat(AddressesSeen.LAST).containsOnlyKeys(ManageApiKeysUseCase.class, RecordConsentUseCase.class,
                SelfServiceUseCase.class, SmsSignInUseCase.class).allSatisfy((port, address) -> assertThat(address).as(port.getSimpleName())
                .isEqualTo(expected));
    }

    private int send(String method, String path, String body, String key, String forwardedFor, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.getUri().toString().replaceAll("/$", "") + "/" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("X-Forwarded-For", forwardedFor);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
