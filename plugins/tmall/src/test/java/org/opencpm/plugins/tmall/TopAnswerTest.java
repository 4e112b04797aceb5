package org.opencpm.plugins.tmall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** TOP's 200 answers read as TOP's error-code guide says: call limits and isp.* later, the rest refused. */
class TopAnswerTest {

    private static final Instant NOW = Instant.parse("2026-12-31T23:59:30Z");

    private static TopAnswer read(String body) {
        return TopAnswer.of(body, NOW);
    }

    @Test
    @DisplayName("A response object is accepted; is_success=false changed nothing; an empty body says nothing against it")
    void successes() {
        assertThat(read("{\"crm_members_group_batchadd_privy_response\":{\"is_success\":true,\"request_id\":\"abc\"}}"))
                .isInstanceOf(TopAnswer.Accepted.class);
        assertThat(read("{\"crm_members_group_batchadd_privy_response\":{\"is_success\":false,\"request_id\":\"abc\"}}"))
                .isInstanceOf(TopAnswer.Unchanged.class);
        assertThat(read("")).isInstanceOf(TopAnswer.Accepted.class);
        assertThat(read("<html>bad gateway</html>")).isInstanceOf(TopAnswer.Busy.class);
    }

    @Test
    @DisplayName("Code 7 (App Call Limited) waits as long as TOP says the ban lasts")
    void call_limits_wait_for_the_ban() {
        TopAnswer answer = read("{\"error_response\":{\"code\":7,\"msg\":\"App Call Limited\",\"sub_code\":"
                + "\"accesscontrol.limited-by-api-access-count\",\"sub_msg\":\"This ban will last for 3 more seconds\"}}");
        assertThat(answer).isEqualTo(new TopAnswer.Busy(
                "TOP error 7 (App Call Limited, accesscontrol.limited-by-api-access-count): a call limit; retried after the ban",
                Optional.of(Duration.ofSeconds(3))));
    }

    @Test
    @DisplayName("The app's daily quota opens again at 00:00 Beijing time: 23:59:30 UTC waits until 16:00 UTC the next day")
    void the_daily_quota_waits_for_midnight_in_beijing() {
        TopAnswer answer = read("{\"error_response\":{\"code\":7,\"msg\":\"App Call Limited\",\"sub_code\":"
                + "\"accesscontrol.limited-by-app-access-count\",\"sub_msg\":\"\"}}");
        assertThat(((TopAnswer.Busy) answer).after()).contains(Duration.between(NOW, Instant.parse("2027-01-01T16:00:00Z")));
    }

    @Test
    @DisplayName("isp.* sub-codes and code 10 are TOP's own trouble: retried")
    void isp_errors_are_retried() {
        assertThat(read("{\"error_response\":{\"code\":15,\"msg\":\"Remote service error\",\"sub_code\":\"isp.top-remote-connection-timeout\"}}"))
                .isInstanceOf(TopAnswer.Busy.class);
        assertThat(read("{\"error_response\":{\"code\":10,\"msg\":\"Service Currently Unavailable\"}}"))
                .isInstanceOf(TopAnswer.Busy.class);
    }

    @Test
    @DisplayName("An invalid session (27) is refused with what the operator must do; sub_msg (which may repeat an ouid) is never in the reason")
    void an_invalid_session_is_refused_with_advice() {
        TopAnswer answer = read("{\"error_response\":{\"code\":27,\"msg\":\"Invalid session\",\"sub_code\":\"invalid-sessionkey\","
                + "\"sub_msg\":\"SessionKey非法 AAEsecretOuid\"}}");
        assertThat(answer).isInstanceOf(TopAnswer.Refused.class);
        String reason = ((TopAnswer.Refused) answer).reason();
        assertThat(reason).startsWith("TOP error 27 (Invalid session, invalid-sessionkey)").contains("'session'").contains("authorise")
                .doesNotContain("AAEsecretOuid");
    }

    @Test
    @DisplayName("isv.* parameter errors, a bad signature and missing permissions are refused for good")
    void caller_mistakes_are_refused() {
        assertThat(read("{\"error_response\":{\"code\":15,\"msg\":\"Remote service error\",\"sub_code\":\"isv.invalid-parameter\"}}"))
                .isInstanceOf(TopAnswer.Refused.class);
        assertThat(read("{\"error_response\":{\"code\":41,\"msg\":\"Invalid arguments:ouids\"}}")).isInstanceOf(TopAnswer.Refused.class);
        assertThat(read(TopGateway.INVALID_SIGNATURE)).isEqualTo(new TopAnswer.Refused(
                "TOP error 25 (Invalid signature): the signature does not match; check 'appSecret' and 'signMethod'"));
        assertThat(((TopAnswer.Refused) read("{\"error_response\":{\"code\":11,\"msg\":\"Insufficient isv permissions\","
                + "\"sub_code\":\"isv.permission-api-package-limit\"}}")).reason()).contains("permission");
    }
}
