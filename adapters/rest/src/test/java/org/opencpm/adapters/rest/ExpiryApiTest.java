package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/consents:expire}: an administrator's run of the expiry, answered with its count. */
@HelidonTest
class ExpiryApiTest {

    @Inject
    WebTarget target;

    private Api admin;

    @BeforeEach
    void keys() {
        admin = new Api(target, InMemoryWiring.ADMIN_KEY);
    }

    @Test
    void an_admin_runs_the_expiry_and_a_second_run_finds_nothing() {
        Api.Reply first = admin.post("api/v1/consents:expire", "");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().getInt("expired")).isNotNegative();

        Api.Reply second = admin.post("api/v1/consents:expire", "{}");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().getInt("expired")).isZero();
    }

    @Test
    void only_an_admin_may_run_it_and_it_reads_no_input() {
        assertThat(admin.as(InMemoryWiring.INTEGRATOR_KEY).post("api/v1/consents:expire", "").status()).isEqualTo(403);
        assertThat(admin.as(InMemoryWiring.AUDITOR_KEY).post("api/v1/consents:expire", "").status()).isEqualTo(403);
        assertThat(admin.as(null).post("api/v1/consents:expire", "").status()).isEqualTo(401);
        Api.Reply withBody = admin.post("api/v1/consents:expire", Api.json("{'purpose':'marketing-sms'}"));
        assertThat(withBody.status()).isEqualTo(400);
        assertThat(withBody.contentType()).startsWith("application/problem+json");
    }
}
