package org.opencpm.adapters.rest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.in.ComplianceReport;
import org.opencpm.application.port.in.ReportPeriod;
import org.opencpm.domain.notice.Notice;
import org.opencpm.testfixtures.InMemoryOpenCpm;

/** The PDF in both languages, and the Chinese one on a server without a Chinese font. */
class PdfReportTest {

    private final ComplianceReport report;

    PdfReportTest() {
        InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS);
        Notice v1 = cpm.publish("privacy-policy", "1", false, MARKETING_SMS);
        cpm.clock.advance(Duration.ofHours(1));
        cpm.recordConsent.record(aGrant().of(MARKETING_SMS).on(v1).build());
        report = cpm.complianceReport.report(new ReportPeriod(InMemoryOpenCpm.START, InMemoryOpenCpm.START.plus(Duration.ofDays(7))));
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    @Test
    void without_a_chinese_font_the_chinese_report_is_english_and_says_why() throws Exception {
        PdfReport.Rendered rendered = new PdfReport(PdfFonts.only(List.of(Path.of("/nonexistent/font.ttf")))).render(report, "zh");
        assertThat(rendered.language()).isEqualTo("en");
        String text = text(rendered.pdf()).replaceAll("\\s+", " ");
        assertThat(text).contains("Chinese was requested, but this server has no font with Chinese glyphs")
                .contains("marketing-sms 1 0 0").doesNotContain("?????");
    }

    @Test
    void with_a_chinese_font_the_report_is_in_chinese() throws Exception {
        PdfFonts fonts = PdfFonts.fromEnvironment();
        assumeThat(fonts.cjk()).as("a CJK font on this machine (Debian: fonts-droid-fallback)").isPresent();
        PdfReport.Rendered rendered = new PdfReport(fonts).render(report, "zh");
        assertThat(rendered.language()).isEqualTo("zh");
        assertThat(text(rendered.pdf())).contains("个人信息保护合规报告").contains("单独同意覆盖").contains("marketing-sms 1 0 0");
    }

    @Test
    void the_html_escapes_what_it_shows() {
        String html = HtmlReport.render(report, "en");
        assertThat(html).contains("<svg").contains("id=\"separate-consent\"").doesNotContain("<script");
        assertThat(Html.escape("<b>\"x\" & 'y'</b>")).isEqualTo("&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;");
    }
}
