package org.opencpm.plugins.douyin;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.json.JsonObject;
import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The reconciliation call path ({@code operation_type} 3, reset), which nothing in the host calls
 * yet: it would need a feed of a purpose's current consenters. Tested as a unit, on a Camel
 * context of its own, against the same stand-in of Ocean Engine.
 */
class AudienceResetTest {

    private WireMockServer platform;
    private DefaultCamelContext camel;
    private ProducerTemplate http;

    @BeforeEach
    void start() {
        platform = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        platform.start();
        camel = new DefaultCamelContext();
        camel.start();
        http = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
        platform.stop();
    }

    private AudienceSync sync(List<String> audiences) {
        AccessTokens tokens = new AccessTokens("douyin", new AccessTokens.Pair(OceanEngineStub.ACCESS_TOKEN, OceanEngineStub.REFRESH_TOKEN));
        OceanEngine oceanEngine = new OceanEngine(http, "http://127.0.0.1:" + platform.port() + "/", OceanEngineStub.ADVERTISER_ID,
                OceanEngineStub.APP_ID, OceanEngineStub.APP_SECRET, tokens);
        return new AudienceSync(oceanEngine, OceanEngineStub.DATA_SOURCE_ID, audiences);
    }

    @Test
    @DisplayName("A reset uploads one file of every phone that has a match (hashed, each once) and replaces the data source with it (operation_type 3), then publishes")
    void a_reset_replaces_the_data_source_with_the_given_phones() throws Exception {
        OceanEngineStub stub = new OceanEngineStub(platform, OceanEngineStub.ACCESS_TOKEN).uploads().updates();
        platform.stubFor(post(urlPathEqualTo(OceanEngine.PUBLISH)).withHeader("Access-Token", equalTo(OceanEngineStub.ACCESS_TOKEN))
                .willReturn(okJson("{\"code\":0,\"message\":\"OK\",\"request_id\":\"req-pub\",\"data\":{}}")));

        sync(List.of("1900000000000009")).reset(List.of("+8613800138000", "+85291234567", "+8613912345678", "+8613800138000"));

        List<LoggedRequest> updates = platform.findAll(postRequestedFor(urlPathEqualTo(OceanEngine.UPDATE)));
        assertThat(updates).hasSize(1);
        JsonObject update = OceanEngineStub.json(updates.get(0));
        assertThat(update.getInt("operation_type")).isEqualTo(3);
        assertThat(update.getString("data_source_id")).isEqualTo(OceanEngineStub.DATA_SOURCE_ID);
        assertThat(update.getInt("data_format")).isZero();
        assertThat(update.getInt("file_storage_type")).isZero();
        assertThat(stub.uploadedIds().get(update.getJsonArray("file_paths").getString(0)))
                .containsExactly(OceanEngineStub.sha256Hex("13800138000"), OceanEngineStub.sha256Hex("13912345678"));
        platform.verify(1, postRequestedFor(urlPathEqualTo(OceanEngine.PUBLISH)));
    }
}
