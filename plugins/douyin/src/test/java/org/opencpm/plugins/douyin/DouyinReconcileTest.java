package org.opencpm.plugins.douyin;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.connectors.api.IdentifierType;
import org.opencpm.connectors.api.SubjectIdentifier;
import org.opencpm.connectors.testkit.ConnectorHarness;
import org.opencpm.connectors.testkit.HarnessDelivery;

/** The douyin connector's reconciler as the host runs it: a reset of the data source to the current audience. */
class DouyinReconcileTest {

    private static final String PURPOSE = "marketing-ads";
    private static final String AUDIENCE_ID = "1900000000000001";
    private static final String LI = "+8613800138000";
    private static final String WANG = "+8613912345678";
    private static final String ZHAO = "+8615000000001";

    private static ConnectorHarness harness() {
        ConnectorHarness.Builder builder = ConnectorHarness.of(new DouyinConnector());
        DouyinConformanceTest.settings().forEach(builder::config);
        return builder.config(DouyinConnector.CUSTOM_AUDIENCE_IDS, AUDIENCE_ID).start();
    }

    private static String hash(String e164) {
        return OceanEngineStub.sha256Hex(e164.substring(3));
    }

    private static void publishes(ConnectorHarness harness, String token) {
        harness.platform().stubFor(post(urlPathEqualTo(OceanEngine.PUBLISH)).withHeader("Access-Token", equalTo(token))
                .withRequestBody(equalToJson("{\"advertiser_id\":" + OceanEngineStub.ADVERTISER_ID + ",\"custom_audience_id\":" + AUDIENCE_ID + "}"))
                .willReturn(okJson("{\"code\":0,\"message\":\"OK\",\"request_id\":\"req-pub\",\"data\":{}}")));
    }

    private static void consents(ConnectorHarness harness) {
        harness.identify("sub_li", SubjectIdentifier.of(IdentifierType.PHONE, LI));
        harness.identify("sub_wang", SubjectIdentifier.of(IdentifierType.PHONE, WANG));
        harness.identify("sub_zhao", SubjectIdentifier.of(IdentifierType.PHONE, ZHAO));
        harness.grant("sub_li", PURPOSE, 1);
        harness.grant("sub_wang", PURPOSE, 1);
        harness.withdraw("sub_wang", PURPOSE, 2);
        harness.grant("sub_zhao", PURPOSE, 1);
        harness.awaitSettled();
    }

    @Test
    @DisplayName("A reconciliation replaces the data source with the phones of everyone whose consent is in force (operation_type 3), then publishes the audience; no phone reaches a log")
    void a_reconciliation_resets_the_data_source_to_the_consenters() {
        try (ConnectorHarness harness = harness()) {
            OceanEngineStub stub = new OceanEngineStub(harness.platform(), OceanEngineStub.ACCESS_TOKEN).uploads().updates();
            publishes(harness, OceanEngineStub.ACCESS_TOKEN);
            consents(harness);
            assertThat(harness.deliveries()).extracting(HarnessDelivery::status).containsOnly(HarnessDelivery.Status.DELIVERED);
            int updatesBefore = updates(harness).size();
            int publishesBefore = harness.platform().findAll(postRequestedFor(urlPathEqualTo(OceanEngine.PUBLISH))).size();

            assertThat(harness.reconcile()).as("people in the audience").isEqualTo(2);

            List<LoggedRequest> updates = updates(harness);
            assertThat(updates).hasSize(updatesBefore + 1);
            JsonObject reset = OceanEngineStub.json(updates.get(updates.size() - 1));
            assertThat(reset.getInt("operation_type")).isEqualTo(3);
            assertThat(reset.getString("data_source_id")).isEqualTo(OceanEngineStub.DATA_SOURCE_ID);
            assertThat(reset.getJsonArray("file_paths")).hasSize(1);
            assertThat(stub.uploadedIds().get(reset.getJsonArray("file_paths").getString(0))).containsExactlyInAnyOrder(hash(LI), hash(ZHAO));
            harness.platform().verify(publishesBefore + 1, postRequestedFor(urlPathEqualTo(OceanEngine.PUBLISH)));
            assertThat(harness.logs()).noneMatch(line -> line.contains(LI.substring(3)) || line.contains(hash(LI)) || line.contains(ZHAO));
            assertThat(harness.logs()).anyMatch(line -> line.contains("douyin reconciled"));
        }
    }

    @Test
    @DisplayName("A reset shares the route's access token: after the changes had it refreshed, the reset calls with the new one, without a second refresh")
    void a_reset_uses_the_token_the_route_refreshed() {
        String newAccess = "oe-access-new-3e9a41c0";
        try (ConnectorHarness harness = harness()) {
            new OceanEngineStub(harness.platform(), newAccess).uploads().updates();
            publishes(harness, newAccess);
            harness.platform().stubFor(post(urlPathEqualTo(OceanEngine.REFRESH))
                    .withRequestBody(equalToJson("{\"refresh_token\":\"" + OceanEngineStub.REFRESH_TOKEN + "\"}", true, true))
                    .willReturn(okJson("{\"code\":0,\"message\":\"OK\",\"request_id\":\"req-refresh\",\"data\":{\"access_token\":\""
                            + newAccess + "\",\"expires_in\":86400,\"refresh_token\":\"oe-refresh-new-77d1\"}}")));
            consents(harness);

            harness.reconcile();

            harness.platform().verify(1, postRequestedFor(urlPathEqualTo(OceanEngine.REFRESH)));
            assertThat(OceanEngineStub.json(updates(harness).get(updates(harness).size() - 1)).getInt("operation_type")).isEqualTo(3);
            harness.platform().verify(0, postRequestedFor(urlPathEqualTo(OceanEngine.UPDATE)).withHeader("Access-Token",
                    equalTo(OceanEngineStub.ACCESS_TOKEN)).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(
                            "\"operation_type\":3")));
        }
    }

    @Test
    @DisplayName("A reset Ocean Engine refuses fails the run with the platform's code, naming no token, and changes nothing")
    void a_refused_reset_fails_naming_no_secret() {
        try (ConnectorHarness harness = harness()) {
            new OceanEngineStub(harness.platform(), OceanEngineStub.ACCESS_TOKEN).uploads().updates();
            publishes(harness, OceanEngineStub.ACCESS_TOKEN);
            consents(harness);
            harness.platform().stubFor(post(urlPathEqualTo(OceanEngine.UPDATE)).atPriority(1)
                    .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("\"operation_type\":3"))
                    .willReturn(okJson("{\"code\":40001,\"message\":\"data source is being published\",\"request_id\":\"req-busy\",\"data\":{}}")));
            int publishesBefore = harness.platform().findAll(postRequestedFor(urlPathEqualTo(OceanEngine.PUBLISH))).size();

            assertThatThrownBy(harness::reconcile).isInstanceOf(IllegalStateException.class).hasMessageContaining("40001")
                    .hasMessageNotContaining(OceanEngineStub.ACCESS_TOKEN).hasMessageNotContaining(OceanEngineStub.APP_SECRET);
            harness.platform().verify(publishesBefore, postRequestedFor(urlPathEqualTo(OceanEngine.PUBLISH)));
            assertThat(harness.leaks(Set.of(OceanEngineStub.ACCESS_TOKEN, OceanEngineStub.REFRESH_TOKEN, OceanEngineStub.APP_SECRET))).isFalse();
        }
    }

    private static List<LoggedRequest> updates(ConnectorHarness harness) {
        return harness.platform().findAll(postRequestedFor(urlPathEqualTo(OceanEngine.UPDATE)));
    }
}
