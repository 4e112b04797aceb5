package org.opencpm.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compliance report from the real distribution, on its database: a period seeded over HTTP
 * (grants, a withdrawal, a denial, a rights request) comes back as HTML with SVG charts and as a
 * PDF whose text holds the same counts as the audit export of the period.
 */
class ComplianceReportIT {

    private static final String ADMIN = "an-operator-chosen-admin-key-0001";

    @Test
    @DisplayName("PIPL Art. 54–56: the report of a seeded period opens as HTML and PDF with counts matching the audit export")
    void the_report_of_a_seeded_period_opens_as_html_and_pdf(@TempDir Path work) throws Exception {
        try (RunningServer server = RunningServer.unpack(work).withEnv("OPENCPM_BOOTSTRAP_ADMIN_KEY", ADMIN).start()) {
            Instant from = Instant.now().minus(Duration.ofMinutes(5));
            DistributionIT.defineCatalogue(server, ADMIN);
            for (String phone : new String[] {"13800138000", "13800138001", "13800138002"}) {
                consent(server, phone, "grant");
            }
            consent(server, "13800138000", "withdraw");
            HttpResponse<String> request = server.post("/api/v1/rights-requests", ADMIN, Json.of("""
                    { 'subject': {'identifiers': [{'type': 'phone', 'value': '13800138001'}]}, 'type': 'access',
                      'channel': 'preference_centre', 'verification': {'method': 'sms_code'} }"""));
            assertThat(request.statusCode()).as(request.body()).isEqualTo(201);
            Instant to = Instant.now().plus(Duration.ofMinutes(5));
            String query = "?from=" + enc(from) + "&to=" + enc(to);

            String events = server.get("/api/v1/audit/events" + query, ADMIN, "application/x-ndjson").body();
            long grants = events.lines().filter(l -> l.contains("\"type\":\"consent_recorded\"") && l.contains("\"action\":\"grant\"")).count();
            assertThat(grants).isEqualTo(3);

            HttpResponse<String> html = server.get("/api/v1/reports/compliance" + query + "&lang=en", ADMIN, "text/html");
            assertThat(html.statusCode()).as(html.body()).isEqualTo(200);
            assertThat(html.body()).contains("<svg").contains("data-series=\"Grants\" data-category=\"marketing-sms\" data-value=\"3\"")
                    .contains("data-series=\"Withdrawals\" data-category=\"marketing-sms\" data-value=\"1\"")
                    .doesNotContain("13800138000");

            HttpResponse<byte[]> pdf = server.getBytes("/api/v1/reports/compliance" + query + "&lang=en", ADMIN, "application/pdf");
            assertThat(pdf.statusCode()).isEqualTo(200);
            try (PDDocument doc = Loader.loadPDF(pdf.body())) {
                String text = new PDFTextStripper().getText(doc);
                assertThat(text).contains("marketing-sms 3 1 0").contains("Total 3 1 0").contains("access 1 0 0");
            }

            HttpResponse<byte[]> zh = server.getBytes("/api/v1/reports/compliance" + query + "&lang=zh", ADMIN, "application/pdf");
            assertThat(zh.statusCode()).isEqualTo(200);
            try (PDDocument doc = Loader.loadPDF(zh.body())) {
                String text = new PDFTextStripper().getText(doc);
                String language = zh.headers().firstValue("Content-Language").orElse("");
                if (language.equals("zh")) {
                    assertThat(text).contains("个人信息保护合规报告");
                } else {
                    assertThat(text).contains("Chinese was requested, but this server has no font with Chinese glyphs");
                }
                assertThat(text).contains("marketing-sms 3 1 0");
            }
        }
    }

    private static void consent(RunningServer server, String phone, String action) {
        HttpResponse<String> r = server.post("/api/v1/consents", ADMIN, Json.of("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': 'marketing-sms',
                  'action': '%s', 'notice': {'code': 'privacy-policy', 'version': '2026-01'}, 'channel': 'miniprogram',
                  'method': 'checkbox' }""".formatted(phone, action)));
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
    }

    private static String enc(Instant at) {
        return URLEncoder.encode(at.toString(), StandardCharsets.UTF_8);
    }
}
