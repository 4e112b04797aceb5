package org.opencpm.plugins.smstencent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.connectors.api.SendReceipt;

/**
 * Review (h-review): every send takes a permit (a unit of the person's frequency budget) before the
 * gateway is called; "unavailable" (503) invites the caller to try again, i.e. to take another unit.
 */
class ReviewSendSmsAnswerTest {

    private static String error(String code) {
        return "{\"Response\":{\"Error\":{\"Code\":\"" + code + "\",\"Message\":\"refused\"},\"RequestId\":\"r-1\"}}";
    }

    @Test
    @DisplayName("A wrong SecretId / SecretKey is the operator's to fix: refused, not 'unavailable, try again' (each retry burns a budget unit)")
    void a_wrong_key_is_refused_not_unavailable() {
        assertThat(List.of("AuthFailure.SecretIdNotFound", "AuthFailure.SignatureFailure", "AuthFailure.UnauthorizedOperation"))
                .allSatisfy(code -> assertThat(SendSmsAnswer.read(200, Optional.empty(), error(code), "+8613800138000"))
                        .as(code).isInstanceOf(SendReceipt.Refused.class));
    }
}
