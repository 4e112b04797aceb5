package org.opencpm.plugins.wechat;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.connectors.api.IdentifierType;
import org.opencpm.connectors.api.SubjectIdentifier;
import org.opencpm.connectors.testkit.ConnectorHarness;
import org.opencpm.connectors.testkit.SteppingClock;
import org.opencpm.connectors.testkit.HarnessDelivery;

/** Consent changes reach WeChat's tags: token, tag creation, grouping, errcodes. */
class WeChatTaggingTest {

    static final String PURPOSE = "marketing-wechat";
    static final String TAG = "opencpm-" + PURPOSE;
    static final String MEMBERS = "/cgi-bin/tags/members/batch(un)?tagging";

    private static ConnectorHarness.Builder wechat() {
        return ConnectorHarness.of(new WeChatConnector()).config("appId", FakeWeChat.APP_ID).config("appSecret", FakeWeChat.APP_SECRET)
                .config("token", FakeWeChat.PUSH_TOKEN).config("purposes", PURPOSE)
                .config("batch.windowMillis", "200");
    }

    private static SubjectIdentifier openid(String value) {
        return SubjectIdentifier.scoped(IdentifierType.WECHAT_OPENID, value, FakeWeChat.APP_ID);
    }

    /** Every openid of the tag-member calls made to {@code path} with tag {@code tagId}. */
    private static List<String> openidsSentTo(ConnectorHarness harness, String path, int tagId) {
        List<String> out = new ArrayList<>();
        for (LoggedRequest request : harness.platform().findAll(postRequestedFor(urlPathEqualTo(path)))) {
            JsonObject body = Json.createReader(new StringReader(request.getBodyAsString())).readObject();
            if (body.getInt("tagid") == tagId) {
                body.getJsonArray("openid_list").getValuesAs(JsonString.class).forEach(s -> out.add(s.getString()));
            }
        }
        return out;
    }

    @Test
    @DisplayName("A grant puts the openid in its purpose's tag, a withdrawal takes it out; the tag is created once, the token fetched once;"
            + " a subject with no openid of this app is settled without a call")
    void grants_tag_and_withdrawals_untag() {
        try (ConnectorHarness harness = wechat().start()) {
            new FakeWeChat(harness.platform()).issues(7200, "TOK-1").accepts("TOK-1").creates("TOK-1", TAG, 134);
            harness.identify("s1", openid("oA1")).identify("s2", openid("oA2")).identify("s3", openid("oA3"))
                    .identify("s4", SubjectIdentifier.scoped(IdentifierType.WECHAT_OPENID, "oOther", "wx-another-app"));
            harness.grant("s1", PURPOSE, 1);
            harness.grant("s2", PURPOSE, 1);
            harness.withdraw("s3", PURPOSE, 1);
            harness.grant("s4", PURPOSE, 1);
            harness.awaitSettled();

            assertThat(harness.deliveries()).extracting(HarnessDelivery::status).containsOnly(HarnessDelivery.Status.DELIVERED);
            assertThat(openidsSentTo(harness, "/cgi-bin/tags/members/batchtagging", 134)).containsExactlyInAnyOrder("oA1", "oA2");
            assertThat(openidsSentTo(harness, "/cgi-bin/tags/members/batchuntagging", 134)).containsExactly("oA3");
            harness.platform().verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/tags/create")));
            harness.platform().verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
            assertThat(harness.platform().findAll(postRequestedFor(urlPathMatching(MEMBERS))))
                    .noneMatch(r -> r.getBodyAsString().contains("oOther"));
        }
    }

    @Test
    @DisplayName("Sixty grants go out in calls of at most fifty openids (WeChat's limit), each openid once")
    void calls_carry_at_most_fifty_openids() {
        try (ConnectorHarness harness = wechat().config("batch.windowMillis", "500").start()) {
            new FakeWeChat(harness.platform()).issues(7200, "TOK-1").accepts("TOK-1").creates("TOK-1", TAG, 134);
            for (int i = 0; i < 60; i++) {
                harness.identify("s" + i, openid("oB" + i));
                harness.grant("s" + i, PURPOSE, 1);
            }
            harness.awaitSettled();

            assertThat(harness.deliveries()).extracting(HarnessDelivery::status).containsOnly(HarnessDelivery.Status.DELIVERED);
            List<String> sent = openidsSentTo(harness, "/cgi-bin/tags/members/batchtagging", 134);
            assertThat(sent).hasSize(60).doesNotHaveDuplicates();
            // The fake refuses (47001) a list longer than 50; here every call also shows it.
            assertThat(harness.platform().findAll(postRequestedFor(urlPathMatching(MEMBERS))))
                    .allSatisfy(r -> assertThat(Json.createReader(new StringReader(r.getBodyAsString())).readObject()
                            .getJsonArray("openid_list")).hasSizeLessThanOrEqualTo(50));
        }
    }

    @Test
    @DisplayName("A token WeChat says has expired (42001) is fetched again once and the call made again: delivered at the first attempt")
    void an_expired_token_is_refreshed_and_the_call_repeated() {
        try (ConnectorHarness harness = wechat().start()) {
            FakeWeChat fake = new FakeWeChat(harness.platform()).issues(7200, "TOK-1", "TOK-2").accepts("TOK-1").accepts("TOK-2")
                    .creates("TOK-1", TAG, 134);
            harness.identify("s1", openid("oC1")).identify("s2", openid("oC2"));
            harness.grant("s1", PURPOSE, 1);
            harness.awaitSettled();
            fake.expires("TOK-1");
            harness.grant("s2", PURPOSE, 1);
            harness.awaitSettled();

            assertThat(harness.deliveries()).allSatisfy(d -> {
                assertThat(d.status()).isEqualTo(HarnessDelivery.Status.DELIVERED);
                assertThat(d.attempts()).isEqualTo(1);
            });
            harness.platform().verify(2, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
            harness.platform().verify(1, postRequestedFor(urlPathMatching(MEMBERS)).withQueryParam("access_token", equalTo("TOK-2")));
        }
    }

    @Test
    @DisplayName("A token WeChat calls invalid (40001: another server took a newer one) is replaced the same way")
    void an_invalid_token_is_refreshed() {
        try (ConnectorHarness harness = wechat().start()) {
            // TOK-OLD is issued but never taken: the fake answers it 40001.
            new FakeWeChat(harness.platform()).issues(7200, "TOK-OLD", "TOK-NEW").accepts("TOK-NEW").creates("TOK-NEW", TAG, 134);
            harness.identify("s1", openid("oD1"));
            harness.grant("s1", PURPOSE, 1);
            harness.awaitSettled();

            assertThat(harness.deliveries()).singleElement().satisfies(d -> {
                assertThat(d.status()).isEqualTo(HarnessDelivery.Status.DELIVERED);
                assertThat(d.attempts()).isEqualTo(1);
            });
            harness.platform().verify(2, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
        }
    }

    @Test
    @DisplayName("A token is fetched again five minutes before expires_in runs out, without waiting for WeChat to refuse it")
    void a_token_is_replaced_before_it_expires() {
        SteppingClock clock = new SteppingClock(Instant.parse("2026-12-01T08:00:00Z"));
        try (ConnectorHarness harness = wechat().clock(clock).start()) {
            new FakeWeChat(harness.platform()).issues(7200, "TOK-1", "TOK-2").accepts("TOK-1").accepts("TOK-2").creates("TOK-1", TAG, 134);
            harness.identify("s1", openid("oE1")).identify("s2", openid("oE2")).identify("s3", openid("oE3"));
            harness.grant("s1", PURPOSE, 1);
            harness.awaitSettled();
            clock.advance(Duration.ofSeconds(7200 - 301));
            harness.grant("s2", PURPOSE, 1);
            harness.awaitSettled();
            harness.platform().verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
            clock.advance(Duration.ofSeconds(2));
            harness.grant("s3", PURPOSE, 1);
            harness.awaitSettled();

            harness.platform().verify(2, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
            harness.platform().verify(1, postRequestedFor(urlPathMatching(MEMBERS)).withQueryParam("access_token", equalTo("TOK-2")));
            assertThat(harness.platform().findAll(postRequestedFor(urlPathMatching(MEMBERS))))
                    .noneMatch(r -> r.getBodyAsString().contains("errcode"));
        }
    }

    @Test
    @DisplayName("Eight senders needing a new tag at once: one tags/create; every grant tagged")
    void concurrent_senders_create_the_tag_once() {
        try (ConnectorHarness harness = wechat().config("batch.size", "1").config("parallelism", "8").start()) {
            new FakeWeChat(harness.platform()).issues(7200, "TOK-1").accepts("TOK-1");
            harness.platform().stubFor(get(urlPathEqualTo("/cgi-bin/token")).atPriority(1).willReturn(
                    okJson("{\"access_token\":\"TOK-1\",\"expires_in\":7200}").withFixedDelay(300)));
            harness.platform().stubFor(post(urlPathEqualTo("/cgi-bin/tags/create")).atPriority(1)
                    .withQueryParam("access_token", equalTo("TOK-1"))
                    .willReturn(okJson("{\"tag\":{\"id\":134,\"name\":\"" + TAG + "\"}}").withFixedDelay(300)));
            for (int i = 0; i < 16; i++) {
                harness.identify("s" + i, openid("oF" + i));
                harness.grant("s" + i, PURPOSE, 1);
            }
            harness.awaitSettled();

            assertThat(harness.deliveries()).extracting(HarnessDelivery::status).containsOnly(HarnessDelivery.Status.DELIVERED);
            harness.platform().verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
            harness.platform().verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/tags/create")));
            assertThat(openidsSentTo(harness, "/cgi-bin/tags/members/batchtagging", 134)).hasSize(16);
        }
    }

    @Test
    @DisplayName("Eight senders that find no token at once: one call to /cgi-bin/token, whose answer they share")
    void concurrent_senders_fetch_one_token() {
        try (ConnectorHarness harness = wechat().config("batch.size", "1").config("parallelism", "8").config("tag." + PURPOSE, "134").start()) {
            new FakeWeChat(harness.platform()).accepts("TOK-1");
            harness.platform().stubFor(get(urlPathEqualTo("/cgi-bin/token")).atPriority(1).withQueryParam("secret", equalTo(FakeWeChat.APP_SECRET))
                    .willReturn(okJson("{\"access_token\":\"TOK-1\",\"expires_in\":7200}").withFixedDelay(300)));
            for (int i = 0; i < 16; i++) {
                harness.identify("s" + i, openid("oT" + i));
                harness.grant("s" + i, PURPOSE, 1);
            }
            harness.awaitSettled();

            assertThat(harness.deliveries()).extracting(HarnessDelivery::status).containsOnly(HarnessDelivery.Status.DELIVERED);
            harness.platform().verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
        }
    }

    @Test
    @DisplayName("A tag that exists already (45157) is found by name with tags/get and used")
    void an_existing_tag_is_found_by_name() {
        try (ConnectorHarness harness = wechat().start()) {
            new FakeWeChat(harness.platform()).issues(7200, "TOK-1").accepts("TOK-1");
            harness.platform().stubFor(post(urlPathEqualTo("/cgi-bin/tags/create")).atPriority(1).withQueryParam("access_token", equalTo("TOK-1"))
                    .willReturn(okJson("{\"errcode\":45157,\"errmsg\":\"invalid tag name\"}")));
            harness.platform().stubFor(get(urlPathEqualTo("/cgi-bin/tags/get")).atPriority(1).withQueryParam("access_token", equalTo("TOK-1"))
                    .willReturn(okJson("{\"tags\":[{\"id\":2,\"name\":\"星标组\",\"count\":0},{\"id\":127,\"name\":\"" + TAG
                            + "\",\"count\":5}]}")));
            harness.identify("s1", openid("oG1"));
            harness.grant("s1", PURPOSE, 1);
            harness.awaitSettled();

            assertThat(harness.deliveries()).extracting(HarnessDelivery::status).containsOnly(HarnessDelivery.Status.DELIVERED);
            assertThat(openidsSentTo(harness, "/cgi-bin/tags/members/batchtagging", 127)).containsExactly("oG1");
        }
    }

    @Test
    @DisplayName("A tag deleted on WeChat (45159) is created again, and the change delivered at the next attempt")
    void a_deleted_tag_is_created_again() {
        try (ConnectorHarness harness = wechat().start()) {
            new FakeWeChat(harness.platform()).issues(7200, "TOK-1").accepts("TOK-1");
            harness.platform().stubFor(post(urlPathEqualTo("/cgi-bin/tags/create")).atPriority(1).withQueryParam("access_token", equalTo("TOK-1"))
                    .inScenario("tag").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("deleted")
                    .willReturn(okJson("{\"tag\":{\"id\":134,\"name\":\"" + TAG + "\"}}")));
            harness.platform().stubFor(post(urlPathEqualTo("/cgi-bin/tags/create")).atPriority(1).withQueryParam("access_token", equalTo("TOK-1"))
                    .inScenario("tag").whenScenarioStateIs("deleted")
                    .willReturn(okJson("{\"tag\":{\"id\":135,\"name\":\"" + TAG + "\"}}")));
            harness.platform().stubFor(post(urlPathMatching(MEMBERS)).atPriority(1).withRequestBody(
                            com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.tagid", equalTo("134")))
                    .willReturn(okJson("{\"errcode\":45159,\"errmsg\":\"invalid tag id\"}")));
            harness.identify("s1", openid("oK1"));
            harness.grant("s1", PURPOSE, 1);
            harness.awaitSettled();

            assertThat(harness.deliveries()).singleElement().satisfies(d -> {
                assertThat(d.status()).isEqualTo(HarnessDelivery.Status.DELIVERED);
                assertThat(d.attempts()).isEqualTo(2);
            });
            assertThat(openidsSentTo(harness, "/cgi-bin/tags/members/batchtagging", 135)).containsExactly("oK1");
        }
    }

    @Test
    @DisplayName("tokenApi=stable takes the token from /cgi-bin/stable_token (POST, force_refresh false), shared with the app's other servers")
    void the_stable_token_api() {
        try (ConnectorHarness harness = wechat().config("tokenApi", "stable").config("tag." + PURPOSE, "134").start()) {
            new FakeWeChat(harness.platform()).accepts("TOK-S");
            harness.platform().stubFor(post(urlPathEqualTo("/cgi-bin/stable_token")).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock
                            .equalToJson("{\"grant_type\":\"client_credential\",\"appid\":\"" + FakeWeChat.APP_ID + "\",\"secret\":\""
                                    + FakeWeChat.APP_SECRET + "\",\"force_refresh\":false}"))
                    .willReturn(okJson("{\"access_token\":\"TOK-S\",\"expires_in\":7200}")));
            harness.identify("s1", openid("oL1"));
            harness.grant("s1", PURPOSE, 1);
            harness.awaitSettled();

            assertThat(harness.deliveries()).extracting(HarnessDelivery::status).containsOnly(HarnessDelivery.Status.DELIVERED);
            harness.platform().verify(0, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
            assertThat(openidsSentTo(harness, "/cgi-bin/tags/members/batchtagging", 134)).containsExactly("oL1");
        }
    }

    @Test
    @DisplayName("tag.<purpose> pins an existing tag: no tags/create")
    void a_pinned_tag_is_used_as_it_is() {
        try (ConnectorHarness harness = wechat().config("tag." + PURPOSE, "55").start()) {
            new FakeWeChat(harness.platform()).issues(7200, "TOK-1").accepts("TOK-1");
            harness.identify("s1", openid("oH1"));
            harness.withdraw("s1", PURPOSE, 2);
            harness.awaitSettled();

            assertThat(openidsSentTo(harness, "/cgi-bin/tags/members/batchuntagging", 55)).containsExactly("oH1");
            harness.platform().verify(0, postRequestedFor(urlPathEqualTo("/cgi-bin/tags/create")));
        }
    }

    @Test
    @DisplayName("An openid WeChat refuses (40003) makes the change a dead letter at once, its reason naming the errcode and no openid")
    void an_invalid_openid_is_a_dead_letter_that_names_no_openid() {
        try (ConnectorHarness harness = wechat().start()) {
            new FakeWeChat(harness.platform()).issues(7200, "TOK-1").accepts("TOK-1").creates("TOK-1", TAG, 134).membersAnswer("TOK-1", 40003);
            harness.identify("s1", openid("oSecretOpenid1"));
            harness.grant("s1", PURPOSE, 1);
            harness.awaitSettled();

            assertThat(harness.dead()).singleElement().satisfies(d -> {
                assertThat(d.attempts()).isEqualTo(1);
                assertThat(d.lastError()).hasValueSatisfying(e -> assertThat(e).contains("40003").doesNotContain("oSecretOpenid1"));
            });
            assertThat(harness.leaks(Set.of("oSecretOpenid1", "TOK-1", FakeWeChat.APP_SECRET))).isFalse();
        }
    }

    @Test
    @DisplayName("System busy (-1) and quota (45009) are retried until WeChat takes the change")
    void busy_and_quota_are_retried() {
        try (ConnectorHarness harness = wechat().start()) {
            new FakeWeChat(harness.platform()).issues(7200, "TOK-1").accepts("TOK-1").creates("TOK-1", TAG, 134);
            String[] answers = {"{\"errcode\":-1,\"errmsg\":\"system error\"}", "{\"errcode\":45009,\"errmsg\":\"reach max api daily quota limit\"}",
                    "{\"errcode\":0,\"errmsg\":\"ok\"}"};
            for (int i = 0; i < answers.length; i++) {
                harness.platform().stubFor(post(urlPathMatching(MEMBERS)).atPriority(1).withQueryParam("access_token", equalTo("TOK-1"))
                        .inScenario("busy").whenScenarioStateIs(i == 0 ? Scenario.STARTED : "answer-" + i).willSetStateTo("answer-" + (i + 1))
                        .willReturn(okJson(answers[i])));
            }
            harness.identify("s1", openid("oI1"));
            harness.grant("s1", PURPOSE, 1);
            harness.awaitSettled();

            assertThat(harness.deliveries()).singleElement().satisfies(d -> {
                assertThat(d.status()).isEqualTo(HarnessDelivery.Status.DELIVERED);
                assertThat(d.attempts()).isEqualTo(3);
            });
        }
    }

    @Test
    @DisplayName("A wrong appSecret (40125 from /cgi-bin/token) is a dead letter naming the cause, never the secret")
    void a_wrong_app_secret_is_a_dead_letter() {
        try (ConnectorHarness harness = wechat().config("appSecret", "not-the-secret-9c1e").start()) {
            new FakeWeChat(harness.platform()).issues(7200, "TOK-1").accepts("TOK-1");
            harness.identify("s1", openid("oJ1"));
            harness.grant("s1", PURPOSE, 1);
            harness.awaitSettled();

            assertThat(harness.dead()).singleElement().satisfies(d -> assertThat(d.lastError())
                    .hasValueSatisfying(e -> assertThat(e).contains("40125").contains("appSecret")));
            assertThat(harness.leaks(Set.of("not-the-secret-9c1e"))).isFalse();
        }
    }

    @Test
    @DisplayName("batch.size above 50 keeps the connector from starting: WeChat takes 50 openids a call")
    void a_batch_size_above_fifty_is_refused() {
        assertThatThrownBy(() -> wechat().config("batch.size", "51").start()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("batch.size");
    }
}
