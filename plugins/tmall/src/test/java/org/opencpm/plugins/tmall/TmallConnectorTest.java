package org.opencpm.plugins.tmall;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.plugins.tmall.TmallConformanceTest.APP_KEY;
import static org.opencpm.plugins.tmall.TmallConformanceTest.GROUP;
import static org.opencpm.plugins.tmall.TmallConformanceTest.SECRET;
import static org.opencpm.plugins.tmall.TmallConformanceTest.SESSION;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencpm.connectors.api.ConnectorApi;
import org.opencpm.connectors.api.IdentifierType;
import org.opencpm.connectors.api.SubjectIdentifier;
import org.opencpm.connectors.testkit.ConnectorHarness;
import org.opencpm.connectors.testkit.HarnessDelivery;

class TmallConnectorTest {

    /** Half a minute before midnight UTC: in Beijing (GMT+8, TOP's zone) it is already 07:59:30 on the next day, of the next year. */
    private static final Instant HOST_NOW = Instant.parse("2026-12-31T23:59:30Z");
    private static final String OUID = "AAHk5d-EAAeGwJedwSHXdXy9";
    private static final String ADDED = "{\"crm_members_group_batchadd_privy_response\":{\"is_success\":true,\"request_id\":\"10x3ch6kcpu8\"}}";
    private static final String REMOVED = "{\"crm_members_groups_batchdelete_privy_response\":{\"is_success\":true,\"request_id\":\"10x3ch6kcpu9\"}}";

    private static ConnectorHarness.Builder tmall(Clock clock) {
        ConnectorHarness.Builder builder = ConnectorHarness.of(new TmallConnector()).clock(clock);
        TmallConformanceTest.configuration().forEach(builder::config);
        return builder;
    }

    private static ConnectorHarness started(Clock clock, String... extra) {
        ConnectorHarness.Builder builder = tmall(clock);
        for (int i = 0; i < extra.length; i += 2) {
            builder.config(extra[i], extra[i + 1]);
        }
        ConnectorHarness harness = builder.start();
        TopGateway.refuseUnsigned(harness.platform());
        harness.identify("sub_1", SubjectIdentifier.of(IdentifierType.TMALL_OUID, OUID));
        return harness;
    }

    private static Clock fixed() {
        return Clock.fixed(HOST_NOW, ZoneOffset.UTC);
    }

    private static Map<String, String> onlyCall(ConnectorHarness harness) {
        List<LoggedRequest> calls = harness.platform().findAll(postRequestedFor(urlPathEqualTo(TopGateway.ROUTER)));
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).getUrl()).as("nothing in the URL: the session key stays out of logged URLs").isEqualTo(TopGateway.ROUTER);
        assertThat(calls.get(0).getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        return TopGateway.form(calls.get(0).getBodyAsString());
    }

    @ParameterizedTest(name = "signMethod={0}")
    @ValueSource(strings = {"md5", "hmac", "hmac-sha256"})
    @DisplayName("A withdrawal puts the member's ouid in the opt-out group, signed as TOP checks it, timestamped in Beijing time")
    void a_withdrawal_opts_the_member_out(String signMethod) {
        try (ConnectorHarness harness = started(fixed(), "signMethod", signMethod)) {
            harness.platform().stubFor(TopGateway.signedCall(SECRET).willReturn(okJson(ADDED)));
            harness.withdraw("sub_1", "marketing-tmall", 4);
            harness.awaitSettled();

            assertThat(harness.deliveries()).extracting(HarnessDelivery::status).containsExactly(HarnessDelivery.Status.DELIVERED);
            Map<String, String> call = onlyCall(harness);
            assertThat(call).containsEntry("method", "taobao.crm.members.group.batchadd.privy").containsEntry("app_key", APP_KEY)
                    .containsEntry("session", SESSION).containsEntry("timestamp", "2027-01-01 07:59:30").containsEntry("format", "json")
                    .containsEntry("v", "2.0").containsEntry("sign_method", signMethod).containsEntry("group_ids", GROUP)
                    .containsEntry("ouids", OUID);
            assertThat(call.get("sign")).isEqualTo(TopGateway.expectedSign(call, SECRET, signMethod)).matches("[0-9A-F]+");
        }
    }

    @Test
    @DisplayName("A grant takes the member out of the opt-out group")
    void a_grant_opts_the_member_back_in() {
        try (ConnectorHarness harness = started(fixed())) {
            harness.platform().stubFor(TopGateway.signedCall(SECRET).willReturn(okJson(REMOVED)));
            harness.grant("sub_1", "marketing-tmall", 5);
            harness.awaitSettled();

            assertThat(harness.deliveries()).extracting(HarnessDelivery::status).containsExactly(HarnessDelivery.Status.DELIVERED);
            assertThat(onlyCall(harness)).containsEntry("method", "taobao.crm.members.groups.batchdelete.privy")
                    .containsEntry("sign_method", "hmac-sha256").containsEntry("group_ids", GROUP).containsEntry("ouids", OUID);
        }
    }

    @Test
    @DisplayName("Methods and parameter names are the operator's to change, for a shop that keeps its opt-out elsewhere")
    void methods_and_parameter_names_are_configurable() {
        try (ConnectorHarness harness = started(fixed(), "optOutMethod", "tmall.promotag.taguser.save", "groupParam", "tag_id",
                "memberParam", "ouid")) {
            harness.platform().stubFor(TopGateway.signedCall(SECRET).willReturn(okJson("{\"tmall_promotag_taguser_save_response\":{\"is_success\":true}}")));
            harness.withdraw("sub_1", "marketing-tmall", 2);
            harness.awaitSettled();
            assertThat(onlyCall(harness)).containsEntry("method", "tmall.promotag.taguser.save").containsEntry("tag_id", GROUP)
                    .containsEntry("ouid", OUID).doesNotContainKey("ouids");
        }
    }

    @Test
    @DisplayName("A call signed with another secret gets TOP's error 25: a dead letter that tells the operator to check appSecret")
    void a_wrong_signature_is_refused_the_top_way() {
        try (ConnectorHarness harness = started(fixed())) {
            harness.platform().stubFor(TopGateway.signedCall("the-secret-top-really-has").willReturn(okJson(ADDED)));
            harness.withdraw("sub_1", "marketing-tmall", 1);
            harness.awaitSettled();

            assertThat(harness.dead()).singleElement().satisfies(dead -> {
                assertThat(dead.attempts()).isEqualTo(1);
                assertThat(dead.lastError()).hasValueSatisfying(error -> assertThat(error).contains("TOP error 25").contains("appSecret"));
            });
        }
    }

    @Test
    @DisplayName("An expired session (TOP error 27) is a dead letter saying to renew 'session'; neither secrets nor the ouid reach a log or error")
    void an_expired_session_is_a_dead_letter_with_advice() {
        try (ConnectorHarness harness = started(fixed())) {
            harness.platform().stubFor(TopGateway.signedCall(SECRET).willReturn(okJson("{\"error_response\":{\"code\":27,"
                    + "\"msg\":\"Invalid session\",\"sub_code\":\"session-expired\",\"sub_msg\":\"SessionKey过期 " + OUID + "\"}}")));
            harness.withdraw("sub_1", "marketing-tmall", 1);
            harness.awaitSettled();

            assertThat(harness.dead()).singleElement().satisfies(dead -> assertThat(dead.lastError())
                    .hasValueSatisfying(error -> assertThat(error).contains("TOP error 27").contains("'session'")));
            assertThat(harness.leaks(Set.of(SECRET, SESSION, OUID))).isFalse();
        }
    }

    @Test
    @DisplayName("isv.* parameter errors are dead letters at once; is_success=false (TOP changed nothing) settles the change")
    void refusals_are_dead_letters_and_no_change_is_settled() {
        try (ConnectorHarness harness = started(fixed())) {
            harness.identify("sub_2", SubjectIdentifier.of(IdentifierType.TMALL_OUID, "AAHother"));
            harness.platform().stubFor(TopGateway.signedCall(SECRET).withRequestBody(containing(OUID))
                    .willReturn(okJson("{\"crm_members_groups_batchdelete_privy_response\":{\"is_success\":false}}")));
            harness.platform().stubFor(TopGateway.signedCall(SECRET).withRequestBody(containing("AAHother"))
                    .willReturn(okJson("{\"error_response\":{\"code\":15,\"msg\":\"Remote service error\",\"sub_code\":\"isv.invalid-parameter\"}}")));
            harness.grant("sub_1", "marketing-tmall", 1);
            harness.withdraw("sub_2", "marketing-tmall", 1);
            harness.awaitSettled();
            assertThat(harness.dead()).singleElement().satisfies(dead -> {
                assertThat(dead.subjectId()).isEqualTo("sub_2");
                assertThat(dead.attempts()).isEqualTo(1);
                assertThat(dead.lastError()).hasValueSatisfying(error -> assertThat(error).contains("isv.invalid-parameter"));
            });
            assertThat(harness.deliveries()).filteredOn(d -> d.subjectId().equals("sub_1")).singleElement()
                    .satisfies(d -> assertThat(d.status()).isEqualTo(HarnessDelivery.Status.DELIVERED));
            harness.platform().verify(2, postRequestedFor(urlPathEqualTo(TopGateway.ROUTER)));
        }
    }

    @Test
    @DisplayName("A call limit (TOP error 7) and an isp.* error are tried again until TOP takes the call")
    void call_limits_and_isp_errors_are_retried() {
        try (ConnectorHarness harness = started(Clock.systemUTC())) {
            harness.platform().stubFor(TopGateway.signedCall(SECRET).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(okJson("{\"error_response\":{\"code\":7,\"msg\":\"App Call Limited\","
                            + "\"sub_code\":\"accesscontrol.limited-by-app-api-access-count\"}}")).willSetStateTo("isp"));
            harness.platform().stubFor(TopGateway.signedCall(SECRET).inScenario("busy").whenScenarioStateIs("isp")
                    .willReturn(okJson("{\"error_response\":{\"code\":15,\"msg\":\"Remote service error\","
                            + "\"sub_code\":\"isp.top-remote-connection-timeout\"}}")).willSetStateTo("fine"));
            harness.platform().stubFor(TopGateway.signedCall(SECRET).inScenario("busy").whenScenarioStateIs("fine").willReturn(okJson(ADDED)));
            harness.withdraw("sub_1", "marketing-tmall", 1);
            harness.awaitSettled();

            assertThat(harness.deliveries()).singleElement().satisfies(d -> {
                assertThat(d.status()).isEqualTo(HarnessDelivery.Status.DELIVERED);
                assertThat(d.attempts()).isEqualTo(3);
            });
        }
    }

    @Test
    @DisplayName("A subject without a Tmall ouid is not a member of the shop: nothing is sent, the change is settled")
    void a_subject_without_an_ouid_sends_nothing() {
        try (ConnectorHarness harness = started(fixed())) {
            harness.identify("sub_9", SubjectIdentifier.of(IdentifierType.PHONE, "+8613800138000"));
            harness.withdraw("sub_9", "marketing-tmall", 1);
            harness.awaitSettled();
            assertThat(harness.deliveries()).extracting(HarnessDelivery::status).containsExactly(HarnessDelivery.Status.DELIVERED);
            assertThat(harness.platform().getAllServeEvents()).isEmpty();
        }
    }

    @Test
    @DisplayName("A sign method TOP does not have, or a groupId that is no number, keeps the connector from starting, naming the key")
    void a_bad_configuration_fails_the_start() {
        assertThatThrownBy(() -> tmall(fixed()).config("signMethod", "sha1").start()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("signMethod");
        assertThatThrownBy(() -> tmall(fixed()).config("groupId", "opt-out").start()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("groupId");
        assertThatThrownBy(() -> ConnectorHarness.of(new TmallConnector()).config("appKey", APP_KEY).config("appSecret", SECRET)
                .config("groupId", GROUP).config("purposes", "marketing-tmall").start()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("session");
    }

    /**
     * Review finding: there is one opt-out group, so with every purpose (no {@code purposes} key) a
     * grant of any purpose (order notices, say) would take a member who withdrew marketing out of it.
     */
    @Test
    @DisplayName("purposes is required (one opt-out group: with every purpose, a grant of any would opt the member back in): without it the connector does not start, naming the key")
    void without_purposes_the_connector_does_not_start() {
        assertThat(new TmallConnector().descriptor().configKeys()).filteredOn(key -> key.name().equals(ConnectorApi.PURPOSES))
                .singleElement().satisfies(key -> assertThat(key.required()).isTrue());
        ConnectorHarness.Builder noPurposes = ConnectorHarness.of(new TmallConnector()).clock(fixed());
        TmallConformanceTest.configuration().forEach((key, value) -> {
            if (!key.equals(ConnectorApi.PURPOSES)) {
                noPurposes.config(key, value);
            }
        });
        assertThatThrownBy(noPurposes::start).isInstanceOf(IllegalStateException.class).hasMessageContaining(ConnectorApi.PURPOSES);
    }
}
