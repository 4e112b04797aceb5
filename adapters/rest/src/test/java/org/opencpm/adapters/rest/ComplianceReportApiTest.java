package org.opencpm.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.testfixtures.InMemoryOpenCpm;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

@HelidonTest
class ComplianceReportApiTest {

    static final String FROM = InMemoryOpenCpm.START.minus(Duration.ofDays(1)).toString();
    static final String TO = InMemoryOpenCpm.START.plus(Duration.ofDays(60)).toString();

    @Inject
    WebTarget target;

    private Api admin;

    @BeforeEach
    void someConsents() {
        admin = new Api(target, InMemoryWiring.ADMIN_KEY);
        Catalogue.define(admin);
        Api integrator = admin.as(InMemoryWiring.INTEGRATOR_KEY);
        integrator.post("api/v1/consents", Catalogue.grant(Api.freshPhone(), "'purpose': 'marketing-sms'"));
        integrator.post("api/v1/consents", Catalogue.grant(Api.freshPhone(), "'purpose': 'marketing-sms'"));
    }

    private Response fetch(String key, String accept, String... query) {
        WebTarget at = target.path("api/v1/reports/compliance");
        for (int i = 0; i + 1 < query.length; i += 2) {
            at = at.queryParam(query[i], query[i + 1]);
        }
        var request = at.request().accept(accept);
        return key == null ? request.get() : request.header("Authorization", "Bearer " + key).get();
    }

    /** Grants recorded in the window, counted from the audit export the API gives. */
    private long grantsExported() {
        Api.Reply reply = admin.as(InMemoryWiring.AUDITOR_KEY).get("api/v1/audit/events", "from", FROM, "to", TO);
        return reply.body().lines().map(line -> Json.createReader(new StringReader(line)).readObject())
                .filter(e -> !e.containsKey("kind")) // the export's checkpoint and public-key lines (ADR 0011)
                .filter(e -> e.getString("type").equals("consent_recorded"))
                .filter(e -> "grant".equals(e.getJsonObject("details").getString("action", null))).count();
    }

    @Test
    @DisplayName("PIPL Art. 54: the HTML report parses, carries SVG charts and its grant total is the audit export's")
    void html_report_with_charts_matching_the_api() throws Exception {
        Response response = fetch(InMemoryWiring.AUDITOR_KEY, "text/html", "from", FROM, "to", TO, "lang", "en");
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getMediaType().toString()).startsWith("text/html");
        String html = response.readEntity(String.class);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        var xpath = XPathFactory.newInstance().newXPath();
        NodeList charts = (NodeList) xpath.evaluate("//*[local-name()='svg']", doc, XPathConstants.NODESET);
        assertThat(charts.getLength()).isGreaterThanOrEqualTo(3);
        String totalGrants = xpath.evaluate("//table[@id='consents-by-purpose-table']/tbody/tr[last()]/td[2]", doc);
        long exported = grantsExported();
        assertThat(exported).isGreaterThanOrEqualTo(2);
        assertThat(Long.parseLong(totalGrants)).isEqualTo(exported);
        double barSum = 0;
        NodeList bars = (NodeList) xpath.evaluate("//*[local-name()='svg'][1]//*[local-name()='rect'][@data-series='Grants']", doc,
                XPathConstants.NODESET);
        for (int i = 0; i < bars.getLength(); i++) {
            barSum += Long.parseLong(bars.item(i).getAttributes().getNamedItem("data-value").getNodeValue());
        }
        assertThat((long) barSum).isEqualTo(exported);
    }

    @Test
    @DisplayName("PIPL Art. 14 ¶2: a consent given before its purpose was redefined materially is in the report's re-consent section")
    void consents_before_a_material_redefinition_are_listed_for_reconsent() throws Exception {
        String purpose = "report-redefined";
        String definition = "{ 'name': {'en': 'Survey'}, 'category': 'analytics', 'legalBasis': 'consent', 'dataElements': [%s] }";
        assertThat(admin.put("api/v1/purposes/" + purpose, Api.json(definition.formatted("'phone'"))).status()).isIn(200, 201);
        assertThat(admin.post("api/v1/notices", Api.json("""
                { 'code': 'survey-terms', 'version': '1', 'language': 'en', 'title': 'Survey', 'content': 'We ask you about us.',
                  'purposes': ['%s'] }""".formatted(purpose))).status()).isIn(200, 201);
        assertThat(admin.as(InMemoryWiring.INTEGRATOR_KEY).post("api/v1/consents", Api.json("""
                { 'subject': {'identifiers': [{'type': 'phone', 'value': '%s'}]}, 'purpose': '%s', 'action': 'grant',
                  'notice': {'code': 'survey-terms', 'version': '1'}, 'channel': 'app', 'method': 'button' }"""
                .formatted(Api.freshPhone(), purpose))).status()).isEqualTo(201);
        InMemoryWiring.CPM.clock.advance(Duration.ofSeconds(1));
        assertThat(admin.put("api/v1/purposes/" + purpose, Api.json(definition.formatted("'phone', 'email'"))).status()).isEqualTo(200);

        Response response = fetch(InMemoryWiring.AUDITOR_KEY, "text/html", "from", FROM, "to", TO, "lang", "en");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(response.readEntity(String.class).getBytes(StandardCharsets.UTF_8)));
        String consents = XPathFactory.newInstance().newXPath()
                .evaluate("//table[@id='reconsent-redefined-table']/tbody/tr[td[1]='" + purpose + "']/td[3]", doc);
        assertThat(consents).isEqualTo("1");
    }

    @Test
    void chinese_follows_accept_language() {
        Response response = target.path("api/v1/reports/compliance").queryParam("from", FROM).queryParam("to", TO).request()
                .header("Authorization", "Bearer " + InMemoryWiring.ADMIN_KEY).header("Accept-Language", "zh-CN,zh;q=0.9")
                .accept("text/html").get();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.readEntity(String.class)).contains("个人信息保护合规报告").contains("<svg");
    }

    @Test
    @DisplayName("PIPL Art. 54: the PDF report opens and its text holds the grant count")
    void pdf_report_opens_with_the_counts() throws Exception {
        Response response = fetch(InMemoryWiring.AUDITOR_KEY, "application/pdf", "from", FROM, "to", TO, "lang", "en");
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getMediaType().toString()).isEqualTo("application/pdf");
        byte[] pdf = response.readEntity(byte[].class);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("compliance report").contains("Separate consent coverage");
            assertThat(text).containsPattern("Total " + grantsExported() + " ");
        }
    }

    @Test
    void only_auditors_and_admins_get_it() {
        assertThat(fetch(InMemoryWiring.INTEGRATOR_KEY, "text/html", "from", FROM, "to", TO).getStatus()).isEqualTo(403);
        assertThat(fetch(null, "text/html", "from", FROM, "to", TO).getStatus()).isEqualTo(401);
        assertThat(fetch(InMemoryWiring.ADMIN_KEY, "text/html", "from", FROM, "to", TO).getStatus()).isEqualTo(200);
    }

    @Test
    void bad_periods_and_languages_are_named() {
        assertThat(field(fetch(InMemoryWiring.AUDITOR_KEY, "text/html", "from", "yesterday", "to", TO))).isEqualTo("from");
        assertThat(field(fetch(InMemoryWiring.AUDITOR_KEY, "text/html", "to", TO))).isEqualTo("from");
        assertThat(field(fetch(InMemoryWiring.AUDITOR_KEY, "text/html", "from", TO, "to", FROM))).isEqualTo("to");
        assertThat(field(fetch(InMemoryWiring.AUDITOR_KEY, "text/html", "from", FROM, "to",
                Instant.parse(FROM).plus(Duration.ofDays(800)).toString()))).isEqualTo("to");
        assertThat(field(fetch(InMemoryWiring.AUDITOR_KEY, "application/pdf", "from", FROM, "to", TO, "lang", "fr"))).isEqualTo("lang");
    }

    private static String field(Response response) {
        assertThat(response.getStatus()).isEqualTo(400);
        JsonObject problem = Json.createReader(new StringReader(response.readEntity(String.class))).readObject();
        return problem.getJsonArray("errors").getJsonObject(0).getString("field");
    }
}
