package org.opencpm.adapters.rest.report;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.opencpm.application.port.in.ComplianceReport;

/**
 * The compliance report as a PDF (PDFBox): the same sections and cells as the HTML, the charts
 * drawn with the PDF's own graphics. Chinese needs an embedded CJK font ({@link PdfFonts}); without
 * one the Chinese report comes out in English with a notice saying why, at the top of page one.
 */
public final class PdfReport {

    /** Said at the top of a Chinese report written in English for want of a font. */
    public static final String NO_CJK_FONT = "Chinese was requested, but this server has no font with Chinese glyphs: the report "
            + "is in English. Install one (Debian: fonts-droid-fallback or fonts-wqy-microhei) or set OPENCPM_REPORT_CJK_FONT "
            + "to a TrueType font file.";

    private static final float MARGIN = 40;
    private static final PDRectangle SIZE = PDRectangle.A4;

    private final PdfFonts fonts;

    public PdfReport(PdfFonts fonts) {
        this.fonts = fonts;
    }

    /** A rendered PDF and the language it is actually written in. */
    public record Rendered(byte[] pdf, String language) {
    }

    public Rendered render(ComplianceReport report, String language) {
        try (PDDocument doc = new PDDocument()) {
            Optional<PDFont> cjk = "zh".equals(language) ? loadCjk(doc) : Optional.empty();
            boolean chinese = cjk.isPresent();
            ReportText t = chinese ? ReportText.ZH : ReportText.EN;
            PdfText regular = new PdfText(new PDType1Font(Standard14Fonts.FontName.HELVETICA), cjk);
            PdfText bold = new PdfText(new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD), cjk);
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(t.get("title"));
            info.setCreator("OpenCPM");
            try (Writer w = new Writer(doc, regular, bold)) {
                if ("zh".equals(language) && !chinese) {
                    w.paragraph(NO_CJK_FONT, 10, new Color(0xB7, 0x1C, 0x1C), true);
                }
                w.paragraph(t.get("title"), 16, Color.BLACK, true);
                w.paragraph(t.get("period") + ": " + ReportTables.time(report.period().from()) + " — "
                        + ReportTables.time(report.period().to()) + " · " + t.get("generated") + ": "
                        + ReportTables.time(report.generatedAt()), 9, Color.DARK_GRAY, false);
                w.paragraph(t.get("utc"), 8, Color.GRAY, false);
                w.paragraph(t.get("consents"), 12, Color.BLACK, true);
                for (Chart chart : ReportCharts.of(report, t)) {
                    w.chart(chart);
                }
                for (ReportTables.Section s : ReportTables.of(report, t)) {
                    w.paragraph(s.title(), 12, Color.BLACK, true);
                    if (s.rows().isEmpty()) {
                        w.paragraph(t.get("none"), 9, Color.BLACK, false);
                    } else {
                        w.table(s.head(), s.rows());
                    }
                    for (String note : s.notes()) {
                        w.paragraph(note, 8, Color.DARK_GRAY, false);
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return new Rendered(out.toByteArray(), t.code());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the PDF report", e);
        }
    }

    private Optional<PDFont> loadCjk(PDDocument doc) {
        Optional<Path> file = fonts.cjk();
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            String name = file.get().getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (name.endsWith(".ttc")) {
                TrueTypeCollection collection = new TrueTypeCollection(file.get().toFile());
                TrueTypeFont[] first = new TrueTypeFont[1];
                collection.processAllFonts(font -> {
                    if (first[0] == null) {
                        first[0] = font;
                    }
                });
                return Optional.ofNullable(first[0]).map(f -> {
                    try {
                        return PDType0Font.load(doc, f, true);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            return Optional.of(PDType0Font.load(doc, file.get().toFile()));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** Writes top to bottom, starting a new page when the next block does not fit. */
    private static final class Writer implements AutoCloseable {
        private final PDDocument doc;
        private final PdfText regular;
        private final PdfText bold;
        private PDPageContentStream page;
        private float y;

        Writer(PDDocument doc, PdfText regular, PdfText bold) throws IOException {
            this.doc = doc;
            this.regular = regular;
            this.bold = bold;
            newPage();
        }

        private void newPage() throws IOException {
            if (page != null) {
                page.close();
            }
            PDPage p = new PDPage(SIZE);
            doc.addPage(p);
            page = new PDPageContentStream(doc, p);
            y = SIZE.getHeight() - MARGIN;
        }

        private void room(float height) throws IOException {
            if (y - height < MARGIN) {
                newPage();
            }
        }

        private float width() {
            return SIZE.getWidth() - 2 * MARGIN;
        }

        void paragraph(String text, float size, Color color, boolean strong) throws IOException {
            PdfText font = strong ? bold : regular;
            List<String> lines = font.wrap(text, size, width());
            float leading = size * 1.35f;
            room(leading * lines.size() + 4);
            y -= 4;
            for (String line : lines) {
                y -= leading;
                text(font, size, color, MARGIN, y, line);
            }
        }

        void text(PdfText font, float size, Color color, float x, float at, String text) throws IOException {
            page.beginText();
            page.setNonStrokingColor(color);
            page.newLineAtOffset(x, at);
            for (PdfText.Run run : font.runs(text)) {
                page.setFont(run.font(), size);
                page.showText(run.text());
            }
            page.endText();
        }

        void table(List<String> head, List<List<String>> rows) throws IOException {
            float size = 7.5f;
            float rowH = size * 1.8f;
            float col = width() / head.size();
            row(head, bold, size, rowH, col, new Color(0xF3, 0xF3, 0xF3));
            for (List<String> r : rows) {
                row(r, regular, size, rowH, col, null);
            }
            y -= 4;
        }

        private void row(List<String> cells, PdfText font, float size, float rowH, float col, Color fill) throws IOException {
            room(rowH);
            y -= rowH;
            if (fill != null) {
                page.setNonStrokingColor(fill);
                page.addRect(MARGIN, y, width(), rowH);
                page.fill();
            }
            page.setStrokingColor(Color.LIGHT_GRAY);
            page.setLineWidth(0.5f);
            page.addRect(MARGIN, y, width(), rowH);
            page.stroke();
            for (int i = 0; i < cells.size(); i++) {
                String cell = font.fit(cells.get(i), size, col - 4);
                text(font, size, Color.BLACK, MARGIN + i * col + 2, y + rowH * 0.32f, cell);
            }
        }

        void chart(Chart chart) throws IOException {
            float height = 170;
            room(height + 10);
            float top = y - 6;
            text(bold, 9, Color.BLACK, MARGIN, top - 9, chart.title());
            float plotLeft = MARGIN + 30;
            float plotBottom = top - height + 30;
            float plotH = height - 50;
            float plotW = width() - 30;
            long axis = chart.axisMax();
            page.setLineWidth(0.4f);
            for (int i = 0; i <= 4; i++) {
                float ly = plotBottom + plotH * i / 4;
                page.setStrokingColor(new Color(0xDD, 0xDD, 0xDD));
                page.moveTo(plotLeft, ly);
                page.lineTo(plotLeft + plotW, ly);
                page.stroke();
                text(regular, 6.5f, Color.DARK_GRAY, MARGIN, ly - 2, SvgChart.axisLabel(axis, i));
            }
            int n = Math.max(1, chart.categories().size());
            int k = Math.max(1, chart.series().size());
            float group = plotW / n;
            float bar = Math.max(0.5f, group * 0.8f / k);
            int labelEvery = Math.max(1, (int) Math.ceil(n / 16.0));
            for (int c = 0; c < chart.categories().size(); c++) {
                float x0 = plotLeft + c * group + group * 0.1f;
                for (int s = 0; s < chart.series().size(); s++) {
                    Chart.Series series = chart.series().get(s);
                    float h = plotH * series.values()[c] / axis;
                    page.setNonStrokingColor(Color.decode(series.color()));
                    page.addRect(x0 + s * bar, plotBottom, bar, h);
                    page.fill();
                }
                if (c % labelEvery == 0) {
                    text(regular, 6.5f, Color.BLACK, plotLeft + c * group + 1, plotBottom - 9,
                            regular.fit(chart.categories().get(c), 6.5f, group * labelEvery - 2));
                }
            }
            float lx = plotLeft;
            for (Chart.Series series : chart.series()) {
                page.setNonStrokingColor(Color.decode(series.color()));
                page.addRect(lx, plotBottom - 22, 7, 7);
                page.fill();
                text(regular, 7.5f, Color.BLACK, lx + 10, plotBottom - 21, series.name());
                lx += 20 + regular.width(series.name(), 7.5f);
            }
            y = top - height;
        }

        @Override
        public void close() throws IOException {
            page.close();
        }
    }
}
