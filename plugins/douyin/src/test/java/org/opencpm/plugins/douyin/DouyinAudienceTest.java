package org.opencpm.plugins.douyin;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.connectors.api.IdentifierType;
import org.opencpm.connectors.api.SubjectIdentifier;
import org.opencpm.connectors.testkit.ConnectorHarness;
import org.opencpm.connectors.testkit.HarnessDelivery;

/** The douyin connector against a stand-in of Ocean Engine that checks what the real one checks. */
class DouyinAudienceTest {

    private static final String PURPOSE = "marketing-ads";
    private static final String LI = "+8613800138000";
    private static final String WANG = "+8613912345678";
    private static final String ZHAO = "+8615000000001";

    private static ConnectorHarness harness(Map<String, String> extra) {
        ConnectorHarness.Builder builder = ConnectorHarness.of(new DouyinConnector());
        DouyinConformanceTest.settings().forEach(builder::config);
        extra.forEach(builder::config);
        return builder.start();
    }

    private static String hash(String e164) {
        return OceanEngineStub.sha256Hex(e164.substring(3));
    }

    private static List<LoggedRequest> updates(ConnectorHarness harness) {
        return harness.platform().findAll(postRequestedFor(urlPathEqualTo(OceanEngine.UPDATE)));
    }

    @Test
    @DisplayName("A withdrawal uploads a zip of the hashed phone with its MD5, then deletes it from the data source (operation_type 2), both calls with the Access-Token")
    void a_withdrawal_leaves_the_data_source() {
        try (ConnectorHarness harness = harness(Map.of())) {
            OceanEngineStub stub = new OceanEngineStub(harness.platform(), OceanEngineStub.ACCESS_TOKEN).uploads().updates();
            harness.identify("sub_li", SubjectIdentifier.of(IdentifierType.PHONE, LI));
            harness.withdraw("sub_li", PURPOSE, 4);
            harness.awaitSettled();

            assertThat(harness.deliveries()).extracting(HarnessDelivery::status).containsExactly(HarnessDelivery.Status.DELIVERED);
            LoggedRequest upload = harness.platform().findAll(postRequestedFor(urlPathEqualTo(OceanEngine.UPLOAD))).get(0);
            assertThat(upload.getHeader("Access-Token")).isEqualTo(OceanEngineStub.ACCESS_TOKEN);
            assertThat(upload.getHeader("Content-Type")).startsWith("multipart/form-data; boundary=");
            byte[] zip = upload.getPart("file").getBody().asBytes();
            assertThat(upload.getPart("file_signature").getBody().asString()).isEqualTo(OceanEngineStub.md5Hex(zip));
            assertThat(upload.getPart("advertiser_id").getBody().asString()).isEqualTo(OceanEngineStub.ADVERTISER_ID);
            assertThat(OceanEngineStub.idsIn(zip)).containsExactly(hash(LI));

            LoggedRequest update = updates(harness).get(0);
            assertThat(update.getHeader("Access-Token")).isEqualTo(OceanEngineStub.ACCESS_TOKEN);
            assertThat(update.getHeader("Content-Type")).startsWith("application/json");
            String path = stub.uploadedIds().keySet().iterator().next();
            assertThat(update.getBodyAsString()).isEqualToIgnoringWhitespace(("{\"advertiser_id\":%s,\"data_source_id\":\"%s\","
                    + "\"operation_type\":2,\"data_format\":0,\"file_storage_type\":0,\"file_paths\":[\"%s\"]}")
                    .formatted(OceanEngineStub.ADVERTISER_ID, OceanEngineStub.DATA_SOURCE_ID, path));
            assertThat(harness.logs()).noneMatch(line -> line.contains(LI.substring(3)) || line.contains(hash(LI)));
        }
    }

    @Test
    @DisplayName("In one batch, the withdrawals go in one delete file and the grants in one add file: two uploads, two updates")
    void a_batch_makes_one_delete_and_one_add() {
        try (ConnectorHarness harness = harness(Map.of("batch.windowMillis", "500"))) {
            OceanEngineStub stub = new OceanEngineStub(harness.platform(), OceanEngineStub.ACCESS_TOKEN).uploads().updates();
            harness.identify("sub_li", SubjectIdentifier.of(IdentifierType.PHONE, LI));
            harness.identify("sub_wang", SubjectIdentifier.of(IdentifierType.PHONE, WANG));
            harness.identify("sub_zhao", SubjectIdentifier.of(IdentifierType.PHONE, ZHAO));
            harness.grant("sub_li", PURPOSE, 1);
            harness.withdraw("sub_wang", PURPOSE, 2);
            harness.grant("sub_zhao", PURPOSE, 1);
            harness.awaitSettled();

            assertThat(harness.deliveries()).extracting(HarnessDelivery::status).containsOnly(HarnessDelivery.Status.DELIVERED);
            List<LoggedRequest> updates = updates(harness);
            assertThat(updates).hasSize(2);
            Map<String, List<String>> files = stub.uploadedIds();
            JsonObject delete = OceanEngineStub.json(updates.get(0));
            JsonObject add = OceanEngineStub.json(updates.get(1));
            assertThat(delete.getInt("operation_type")).isEqualTo(2);
            assertThat(files.get(delete.getJsonArray("file_paths").getString(0))).containsExactly(hash(WANG));
            assertThat(add.getInt("operation_type")).isEqualTo(1);
            assertThat(files.get(add.getJsonArray("file_paths").getString(0))).containsExactlyInAnyOrder(hash(LI), hash(ZHAO));
        }
    }

    @Test
    @DisplayName("An expired access token (40102) is refreshed once through OAuth2, for all the senders that met it, and the calls made again; no token reaches a log")
    void an_expired_token_is_refreshed_once_and_the_calls_made_again() {
        String newAccess = "oe-access-new-61ac0d9e";
        String newRefresh = "oe-refresh-new-0f3b7a52";
        try (ConnectorHarness harness = harness(Map.of("batch.size", "1", "parallelism", "4"))) {
            new OceanEngineStub(harness.platform(), newAccess).uploads().updates();
            harness.platform().stubFor(post(urlPathEqualTo(OceanEngine.REFRESH)).withRequestBody(equalToJson("{\"app_id\":"
                    + OceanEngineStub.APP_ID + ",\"secret\":\"" + OceanEngineStub.APP_SECRET + "\",\"grant_type\":\"refresh_token\","
                    + "\"refresh_token\":\"" + OceanEngineStub.REFRESH_TOKEN + "\"}"))
                    .willReturn(okJson("{\"code\":0,\"message\":\"OK\",\"request_id\":\"req-refresh\",\"data\":{\"access_token\":\""
                            + newAccess + "\",\"expires_in\":86400,\"refresh_token\":\"" + newRefresh + "\",\"refresh_token_expires_in\":2592000}}")));
            for (String subject : List.of("sub_1", "sub_2", "sub_3", "sub_4")) {
                harness.identify(subject, SubjectIdentifier.of(IdentifierType.PHONE, "+86137000000" + subject.substring(4) + "0"));
                harness.withdraw(subject, PURPOSE, 1);
            }
            harness.awaitSettled();

            assertThat(harness.deliveries()).extracting(HarnessDelivery::status).containsOnly(HarnessDelivery.Status.DELIVERED);
            assertThat(harness.deliveries()).extracting(HarnessDelivery::attempts).as("refreshed within the attempt").containsOnly(1);
            harness.platform().verify(1, postRequestedFor(urlPathEqualTo(OceanEngine.REFRESH)));
            harness.platform().verify(4, postRequestedFor(urlPathEqualTo(OceanEngine.UPDATE)).withHeader("Access-Token", equalTo(newAccess)));
            assertThat(harness.platform().findAll(postRequestedFor(urlPathEqualTo(OceanEngine.REFRESH))).get(0).getHeader("Access-Token"))
                    .as("the refresh carries no access token").isNull();
            assertThat(harness.leaks(Set.of(OceanEngineStub.ACCESS_TOKEN, OceanEngineStub.REFRESH_TOKEN, OceanEngineStub.APP_SECRET,
                    newAccess, newRefresh))).isFalse();
            assertThat(harness.logs()).anyMatch(line -> line.contains("refresh token rotated"));
        }
    }

    @Test
    @DisplayName("A refresh token Ocean Engine refuses makes the change a dead letter that says what the operator must do, naming no token")
    void a_refused_refresh_is_a_dead_letter() {
        try (ConnectorHarness harness = harness(Map.of())) {
            new OceanEngineStub(harness.platform(), "a-token-nobody-has").uploads().updates();
            harness.platform().stubFor(post(urlPathEqualTo(OceanEngine.REFRESH))
                    .willReturn(okJson("{\"code\":40103,\"message\":\"refresh token expired\",\"request_id\":\"req-r\",\"data\":{}}")));
            harness.identify("sub_li", SubjectIdentifier.of(IdentifierType.PHONE, LI));
            harness.withdraw("sub_li", PURPOSE, 2);
            harness.awaitSettled();

            assertThat(harness.dead()).singleElement().satisfies(dead -> assertThat(dead.lastError()).hasValueSatisfying(error -> assertThat(error)
                    .contains("40103").contains("authorise the app again").doesNotContain(OceanEngineStub.REFRESH_TOKEN)));
            harness.platform().verify(0, postRequestedFor(urlPathEqualTo(OceanEngine.UPDATE)));
        }
    }

    @Test
    @DisplayName("A token refresh that meets an outage (HTTP 503) is tried again with the change, not made a dead letter")
    void a_refresh_during_an_outage_is_retried() {
        String newAccess = "oe-access-after-outage";
        try (ConnectorHarness harness = harness(Map.of())) {
            new OceanEngineStub(harness.platform(), newAccess).uploads().updates();
            harness.platform().stubFor(post(urlPathEqualTo(OceanEngine.REFRESH)).inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(503)).willSetStateTo("back"));
            harness.platform().stubFor(post(urlPathEqualTo(OceanEngine.REFRESH)).inScenario("outage").whenScenarioStateIs("back")
                    .willReturn(okJson("{\"code\":0,\"message\":\"OK\",\"request_id\":\"req-r\",\"data\":{\"access_token\":\""
                            + newAccess + "\",\"expires_in\":86400,\"refresh_token\":\"oe-refresh-after-outage\"}}")));
            harness.identify("sub_li", SubjectIdentifier.of(IdentifierType.PHONE, LI));
            harness.withdraw("sub_li", PURPOSE, 5);
            harness.awaitSettled();

            assertThat(harness.deliveries()).singleElement().satisfies(d -> {
                assertThat(d.status()).isEqualTo(HarnessDelivery.Status.DELIVERED);
                assertThat(d.attempts()).isEqualTo(2);
            });
        }
    }

    @Test
    @DisplayName("Ocean Engine's rate limit (HTTP 200, code 40100) is tried again later, and the change delivered")
    void the_rate_limit_code_is_retried() {
        try (ConnectorHarness harness = harness(Map.of())) {
            new OceanEngineStub(harness.platform(), OceanEngineStub.ACCESS_TOKEN).uploads();
            harness.platform().stubFor(post(urlPathEqualTo(OceanEngine.UPDATE)).inScenario("quota").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(okJson("{\"code\":40100,\"message\":\"too many requests\",\"request_id\":\"req-q\",\"data\":{}}"))
                    .willSetStateTo("later"));
            harness.platform().stubFor(post(urlPathEqualTo(OceanEngine.UPDATE)).inScenario("quota").whenScenarioStateIs("later")
                    .willReturn(okJson("{\"code\":0,\"message\":\"OK\",\"request_id\":\"req-ok\",\"data\":{}}")));
            harness.identify("sub_li", SubjectIdentifier.of(IdentifierType.PHONE, LI));
            harness.grant("sub_li", PURPOSE, 1);
            harness.awaitSettled();

            assertThat(harness.deliveries()).singleElement().satisfies(d -> {
                assertThat(d.status()).isEqualTo(HarnessDelivery.Status.DELIVERED);
                assertThat(d.attempts()).isEqualTo(2);
            });
        }
    }

    @Test
    @DisplayName("A parameter error (HTTP 200, code 40001) is a dead letter at once, with the platform's code and message and no identifier")
    void a_parameter_error_is_a_dead_letter() {
        try (ConnectorHarness harness = harness(Map.of())) {
            new OceanEngineStub(harness.platform(), OceanEngineStub.ACCESS_TOKEN).uploads();
            harness.platform().stubFor(post(urlPathEqualTo(OceanEngine.UPDATE)).willReturn(
                    okJson("{\"code\":40001,\"message\":\"data_source_id does not exist\",\"request_id\":\"req-p\",\"data\":{}}")));
            harness.identify("sub_li", SubjectIdentifier.of(IdentifierType.PHONE, LI));
            harness.grant("sub_li", PURPOSE, 1);
            harness.awaitSettled();

            assertThat(harness.dead()).singleElement().satisfies(dead -> {
                assertThat(dead.attempts()).isEqualTo(1);
                assertThat(dead.lastError()).hasValueSatisfying(error -> assertThat(error).contains("40001")
                        .contains("data_source_id does not exist").contains("req-p").doesNotContain(LI.substring(3)).doesNotContain(hash(LI)));
            });
        }
    }

    @Test
    @DisplayName("An upload whose MD5 does not match is refused by the platform (the stub checks it): the plugin's signature is what makes uploads pass")
    void the_stub_refuses_a_wrong_file_signature() throws Exception {
        try (ConnectorHarness harness = harness(Map.of())) {
            new OceanEngineStub(harness.platform(), OceanEngineStub.ACCESS_TOKEN).uploads();
            Multipart form = new Multipart().field("advertiser_id", OceanEngineStub.ADVERTISER_ID)
                    .field("file_signature", "0123456789abcdef0123456789abcdef").file("file", "x.zip", "application/zip", new byte[] {1, 2, 3});
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(harness.baseUrl() + OceanEngine.UPLOAD))
                    .header("Access-Token", OceanEngineStub.ACCESS_TOKEN).header("Content-Type", form.contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.body()).contains("\"code\":40002");
        }
    }

    @Test
    @DisplayName("A subject without a mainland China mobile number changes nothing on the platform, and the change is settled")
    void a_subject_without_a_mainland_mobile_changes_nothing() {
        try (ConnectorHarness harness = harness(Map.of())) {
            new OceanEngineStub(harness.platform(), OceanEngineStub.ACCESS_TOKEN).uploads().updates();
            harness.identify("sub_hk", SubjectIdentifier.of(IdentifierType.PHONE, "+85291234567"));
            harness.withdraw("sub_hk", PURPOSE, 1);
            harness.awaitSettled();
            assertThat(harness.deliveries()).extracting(HarnessDelivery::status).containsExactly(HarnessDelivery.Status.DELIVERED);
            assertThat(harness.platform().getAllServeEvents()).isEmpty();
        }
    }

    @Test
    @DisplayName("Each configured custom audience is published again after the data source changed, so that the withdrawal takes effect")
    void configured_audiences_are_published_after_the_update() {
        try (ConnectorHarness harness = harness(Map.of(DouyinConnector.CUSTOM_AUDIENCE_IDS, "1900000000000001, 1900000000000002"))) {
            new OceanEngineStub(harness.platform(), OceanEngineStub.ACCESS_TOKEN).uploads().updates();
            harness.platform().stubFor(post(urlPathEqualTo(OceanEngine.PUBLISH)).withHeader("Access-Token", equalTo(OceanEngineStub.ACCESS_TOKEN))
                    .willReturn(okJson("{\"code\":0,\"message\":\"OK\",\"request_id\":\"req-pub\",\"data\":{}}")));
            harness.identify("sub_li", SubjectIdentifier.of(IdentifierType.PHONE, LI));
            harness.withdraw("sub_li", PURPOSE, 3);
            harness.awaitSettled();

            assertThat(harness.deliveries()).extracting(HarnessDelivery::status).containsExactly(HarnessDelivery.Status.DELIVERED);
            harness.platform().verify(postRequestedFor(urlPathEqualTo(OceanEngine.PUBLISH)).withRequestBody(equalToJson(
                    "{\"advertiser_id\":" + OceanEngineStub.ADVERTISER_ID + ",\"custom_audience_id\":1900000000000001}")));
            harness.platform().verify(postRequestedFor(urlPathEqualTo(OceanEngine.PUBLISH)).withRequestBody(equalToJson(
                    "{\"advertiser_id\":" + OceanEngineStub.ADVERTISER_ID + ",\"custom_audience_id\":1900000000000002}")));
        }
    }

    @Test
    @DisplayName("A configuration without purposes, or with an advertiser id that is no number, keeps the connector from starting, naming the key")
    void a_bad_configuration_fails_the_start() {
        assertThatThrownBy(() -> harness(Map.of(DouyinConnector.ADVERTISER_ID, "acme"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(DouyinConnector.ADVERTISER_ID);
        ConnectorHarness.Builder noPurposes = ConnectorHarness.of(new DouyinConnector());
        DouyinConformanceTest.settings().forEach((key, value) -> {
            if (!key.equals("purposes")) {
                noPurposes.config(key, value);
            }
        });
        assertThatThrownBy(noPurposes::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("purposes");
    }
}
