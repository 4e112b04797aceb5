package org.opencpm.plugins.smsaliyun;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opencpm.connectors.api.ChannelConnector;
import org.opencpm.connectors.api.InboundRequest;
import org.opencpm.connectors.api.SubjectIdentifier;
import org.opencpm.connectors.testkit.ConnectorConformanceTest;
import org.opencpm.connectors.testkit.ConnectorHarness;
import org.opencpm.connectors.testkit.HarnessDelivery;

/**
 * sms-aliyun against the conformance suite. A send gateway pushes nothing when a consent changes (the
 * host just stops granting it send permits), so the suite's checks of what reaches the platform on a
 * change — order, retries on 5xx, resets and 429, dead letters on 4xx, secrets in the errors of failed
 * deliveries — have nothing to observe: they are reported as skipped, with that reason, by
 * {@link NoPushOnConsentChange}. What holds for this connector runs: it uses only the SPI, its
 * callbacks carry Alibaba Cloud's ids and its answer follows what was recorded; and, in place of the
 * skipped ones, every change is settled without a request ({@link #every_change_is_settled_without_a_request}).
 * Its secrets are kept out of logs on the paths that use them: {@link SendSmsSenderTest}.
 */
@ExtendWith(SmsAliyunConformanceTest.NoPushOnConsentChange.class)
class SmsAliyunConformanceTest extends ConnectorConformanceTest {

    /** The suite's checks of a change's request to the platform: not applicable to a gateway that makes none. */
    static final class NoPushOnConsentChange implements ExecutionCondition {
        private static final Set<String> PUSH_CHECKS = Set.of("changes_of_one_subject_arrive_in_version_order",
                "a_5xx_is_retried_until_the_platform_takes_it", "a_reset_connection_is_retried", "a_429_is_retried_after_its_retry_after",
                "a_4xx_goes_to_the_dead_letters_and_is_replayed", "no_secret_reaches_a_log_or_an_error");

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getTestMethod().map(Method::getName).filter(PUSH_CHECKS::contains)
                    .map(name -> ConditionEvaluationResult.disabled("sms-aliyun pushes nothing on a consent change: " + name
                            + " has no request to observe (see every_change_is_settled_without_a_request)"))
                    .orElse(ConditionEvaluationResult.enabled("applies to a send gateway"));
        }
    }

    @Override
    protected ChannelConnector connector() {
        return new SmsAliyunConnector();
    }

    @Override
    protected Map<String, String> config() {
        return Fixtures.CONFIG;
    }

    @Override
    protected Set<String> secrets() {
        return Fixtures.SECRETS;
    }

    /** Never made on a consent change; named for the suite's signature, and checked absent below. */
    @Override
    protected MappingBuilder deliveryRequest() {
        return AliyunGateway.sendSms();
    }

    @Override
    protected List<Received> changesIn(LoggedRequest request, int index) {
        throw new AssertionError("a consent change made a request to Dysmsapi: " + request.getUrl());
    }

    @Override
    protected List<String> purposes() {
        return List.of("marketing-sms");
    }

    /** The connector asks for no identifiers on changes. */
    @Override
    protected SubjectIdentifier[] identifiersOf(String subjectId) {
        return new SubjectIdentifier[0];
    }

    @Override
    protected Optional<InboundRequest> sampleCallback() {
        return Optional.of(Fixtures.push(SmsUpInboxTest.DOCUMENTED_SAMPLE.replace("1381111****", "13811112222").replace("内容", "TD"),
                Fixtures.TOKEN));
    }

    @Test
    @DisplayName("Every consent change is settled (delivered, once) without a request to Dysmsapi")
    void every_change_is_settled_without_a_request() {
        try (ConnectorHarness harness = harness(Map.of())) {
            for (int version = 1; version <= 3; version++) {
                harness.grant("sub_a", "marketing-sms", 2 * version - 1);
                harness.withdraw("sub_a", "marketing-sms", 2 * version);
            }
            harness.awaitSettled();
            assertThat(harness.deliveries()).hasSize(6).allSatisfy(d -> {
                assertThat(d.status()).isEqualTo(HarnessDelivery.Status.DELIVERED);
                assertThat(d.attempts()).isEqualTo(1);
            });
            assertThat(harness.platform().findAll(anyRequestedFor(anyUrl()))).isEmpty();
            assertThat(harness.leaks(secrets())).isFalse();
        }
    }
}
