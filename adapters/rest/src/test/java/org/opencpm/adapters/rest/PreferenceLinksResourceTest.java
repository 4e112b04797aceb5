package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencpm.domain.subject.SubjectId;

/**
 * Without {@code opencpm.public-url} no preference link is issued: the only other address there is
 * the request's {@code Host}, which its sender chooses, and a link sent to a person must not lead
 * where a stranger said. The refusal comes before anything is issued (the resource has no use case
 * to call here: reaching it would fail the test).
 */
class PreferenceLinksResourceTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void without_a_public_url_no_link_is_issued(String configured) {
        PreferenceLinksResource resource = new PreferenceLinksResource();
        resource.publicUrl = configured.isEmpty() ? Optional.empty() : Optional.of(configured);
        Response refused = resource.issue(SubjectId.newId().value(), new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), null);
        assertThat(refused.getStatus()).isEqualTo(409);
        assertThat(refused.getMediaType()).hasToString("application/problem+json");
        assertThat(refused.getEntity().toString()).contains("\"code\":\"public-url-not-set\"").contains("opencpm.public-url");
    }
}
