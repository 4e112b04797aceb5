package org.opencpm.plugins.douyin;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.connectors.api.Audience;
import org.opencpm.connectors.api.AudienceMember;
import org.opencpm.connectors.api.IdentifierType;
import org.opencpm.connectors.api.SubjectIdentifier;

/**
 * The reconciliation call path ({@code operation_type} 3, reset) as a unit, on a Camel context of
 * its own, against the same stand-in of Ocean Engine (through the host: {@code DouyinReconcileTest}).
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
        return sync(audiences, AudienceSync.RESET_FILE_IDS);
    }

    private AudienceSync sync(List<String> audiences, int fileIds) {
        AccessTokens tokens = new AccessTokens("douyin", new AccessTokens.Pair(OceanEngineStub.ACCESS_TOKEN, OceanEngineStub.REFRESH_TOKEN));
        OceanEngine oceanEngine = new OceanEngine(http, "http://127.0.0.1:" + platform.port() + "/", OceanEngineStub.ADVERTISER_ID,
                OceanEngineStub.APP_ID, OceanEngineStub.APP_SECRET, tokens);
        return new AudienceSync(oceanEngine, OceanEngineStub.DATA_SOURCE_ID, audiences, fileIds);
    }

    @Test
    @DisplayName("A reset uploads one file of every phone that has a match (hashed, each once) and replaces the data source with it (operation_type 3), then publishes")
    void a_reset_replaces_the_data_source_with_the_given_phones() throws Exception {
        OceanEngineStub stub = new OceanEngineStub(platform, OceanEngineStub.ACCESS_TOKEN).uploads().updates();
        platform.stubFor(post(urlPathEqualTo(OceanEngine.PUBLISH)).withHeader("Access-Token", equalTo(OceanEngineStub.ACCESS_TOKEN))
                .willReturn(okJson("{\"code\":0,\"message\":\"OK\",\"request_id\":\"req-pub\",\"data\":{}}")));

        sync(List.of("1900000000000009")).reset(audience("+8613800138000", "+85291234567", "+8613912345678", "+8613800138000"));

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

    @Test
    @DisplayName("A large audience streams into several files, each uploaded once full, and one reset applies them all")
    void a_large_audience_is_uploaded_file_by_file_and_reset_once() throws Exception {
        OceanEngineStub stub = new OceanEngineStub(platform, OceanEngineStub.ACCESS_TOKEN).uploads().updates();

        sync(List.of(), 2).reset(audience("+8613800000001", "+8613800000002", "+8613800000003", "+8613800000004", "+8613800000005"));

        assertThat(platform.findAll(postRequestedFor(urlPathEqualTo(OceanEngine.UPLOAD)))).hasSize(3);
        List<LoggedRequest> updates = platform.findAll(postRequestedFor(urlPathEqualTo(OceanEngine.UPDATE)));
        assertThat(updates).hasSize(1);
        JsonObject update = OceanEngineStub.json(updates.get(0));
        assertThat(update.getInt("operation_type")).isEqualTo(3);
        List<String> paths = update.getJsonArray("file_paths").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        assertThat(paths).hasSize(3);
        assertThat(paths.stream().flatMap(path -> stub.uploadedIds().get(path).stream()).toList()).containsExactly(
                OceanEngineStub.sha256Hex("13800000001"), OceanEngineStub.sha256Hex("13800000002"), OceanEngineStub.sha256Hex("13800000003"),
                OceanEngineStub.sha256Hex("13800000004"), OceanEngineStub.sha256Hex("13800000005"));
    }

    @Test
    @DisplayName("A refused upload fails the reset before any update: the data source keeps what it had")
    void a_refused_upload_fails_the_reset_before_any_update() {
        new OceanEngineStub(platform, "another-token").uploads().updates();

        assertThatThrownBy(() -> sync(List.of(), 2).reset(audience("+8613800000001", "+8613800000002", "+8613800000003")))
                .isInstanceOf(Exception.class);
        platform.verify(0, postRequestedFor(urlPathEqualTo(OceanEngine.UPDATE)));
    }

    @Test
    @DisplayName("PIPL Art. 15: a withdrawal delivered while a reset is prepared is not undone by it: deleted again after the reset, a re-grant meanwhile is not")
    void a_withdrawal_during_a_reset_is_deleted_again_after_it() throws Exception {
        OceanEngineStub stub = new OceanEngineStub(platform, OceanEngineStub.ACCESS_TOKEN).uploads().updates();
        AudienceSync sync = sync(List.of());
        Audience snapshot = audience("+8613800000001", "+8613800000002", "+8613800000003");
        // While the walk runs (the snapshot still has them), 001 withdraws, 002 withdraws and grants again.
        Audience walkedDuringChanges = new Audience() {
            @Override
            public Set<String> purposes() {
                return snapshot.purposes();
            }

            @Override
            public void forEach(Consumer<AudienceMember> member) {
                snapshot.forEach(member);
                try {
                    sync.apply(batch(change("sub_1", "+8613800000001", false, 2), change("sub_2", "+8613800000002", false, 2)));
                    sync.apply(batch(change("sub_2", "+8613800000002", true, 3)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };

        sync.reset(walkedDuringChanges);

        List<JsonObject> updates = platform.findAll(postRequestedFor(urlPathEqualTo(OceanEngine.UPDATE))).stream()
                .map(OceanEngineStub::json).toList();
        assertThat(updates).extracting(u -> u.getInt("operation_type")).containsExactly(2, 1, 3, 2);
        JsonObject last = updates.get(3);
        assertThat(stub.uploadedIds().get(last.getJsonArray("file_paths").getString(0)))
                .containsExactly(OceanEngineStub.sha256Hex("13800000001"));
    }

    private static org.opencpm.connectors.api.ConsentChange change(String subject, String phone, boolean granted, long version) {
        return new org.opencpm.connectors.api.ConsentChange(version, subject, org.opencpm.connectors.api.ConsentChange.Kind.CONSENT,
                java.util.Optional.of("marketing-ads"), java.util.Optional.of(granted ? org.opencpm.connectors.api.ConsentChange.State.GRANTED
                        : org.opencpm.connectors.api.ConsentChange.State.WITHDRAWN), version, java.time.Instant.parse("2026-12-04T10:00:00Z"),
                false, List.of(SubjectIdentifier.of(IdentifierType.PHONE, phone)), org.opencpm.connectors.api.PreferenceSnapshot.NONE);
    }

    private static org.opencpm.connectors.api.ChangeBatch batch(org.opencpm.connectors.api.ConsentChange... changes) {
        return new org.opencpm.connectors.api.ChangeBatch(List.of(changes));
    }

    /** An audience of one person per phone. */
    private static Audience audience(String... phones) {
        return new Audience() {
            @Override
            public Set<String> purposes() {
                return Set.of("marketing-ads");
            }

            @Override
            public void forEach(Consumer<AudienceMember> member) {
                for (int i = 0; i < phones.length; i++) {
                    member.accept(new AudienceMember("sub_" + i, List.of(SubjectIdentifier.of(IdentifierType.PHONE, phones[i]))));
                }
            }
        };
    }
}
