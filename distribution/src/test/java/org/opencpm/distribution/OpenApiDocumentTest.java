package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI document the server publishes at {@code /openapi} parses as YAML in the ordinary build:
 * one unquoted comma in a flow-style description once let the server die half a second after start,
 * caught only by an integration test. Every path of the HTTP contract this project added is listed.
 */
class OpenApiDocumentTest {

    @Test
    @SuppressWarnings("unchecked")
    void the_openapi_document_parses_and_lists_the_paths() throws Exception {
        Map<String, Object> document;
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/META-INF/openapi.yml")) {
            assertThat(in).as("META-INF/openapi.yml on the class path").isNotNull();
            document = new Yaml().load(in);
        }
        assertThat(document).containsKeys("openapi", "info", "paths");
        Map<String, Object> paths = (Map<String, Object>) document.get("paths");
        assertThat(paths).containsKeys("/api/v1/consents", "/api/v1/decisions", "/api/v1/audit/events", "/api/v1/audit/verify",
                "/api/v1/audit/checkpoints", "/api/v1/audit/public-keys", "/api/v1/reports/compliance", "/api/v1/alerts",
                "/api/v1/subjects/{subjectId}/receipts/{receiptId}", "/api/v1/subjects/{subjectId}/export",
                "/api/v1/decisions:filter", "/api/v1/datasets:gate", "/api/v1/notices/{code}/versions/{version}/reconsent",
                "/api/v1/stats/consents");
    }
}
