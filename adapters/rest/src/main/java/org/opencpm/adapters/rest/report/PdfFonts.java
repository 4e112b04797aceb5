package org.opencpm.adapters.rest.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the PDF finds a font with Chinese glyphs. The PDF's Latin text uses a standard font every
 * reader has; Chinese needs a TrueType font embedded in the file, and none ships with a JDK or with
 * Maven Central in a form PDFBox can embed. So the server looks for one on the machine:
 * {@code OPENCPM_REPORT_CJK_FONT} (or the system property {@code opencpm.report.cjk-font}) first,
 * then the files of common Debian packages ({@code fonts-droid-fallback}, {@code fonts-wqy-microhei},
 * {@code fonts-wqy-zenhei}, {@code fonts-arphic-uming}). Without one, a Chinese PDF is written in
 * English and says so at its top, in the document: never boxes in place of characters.
 */
public final class PdfFonts {

    static final List<Path> DEBIAN = List.of(
            Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
            Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
            Path.of("/usr/share/fonts/truetype/arphic/uming.ttc"));

    private final List<Path> candidates;

    private PdfFonts(List<Path> candidates) {
        this.candidates = List.copyOf(candidates);
    }

    /** The configured font first, then the usual Debian files. */
    public static PdfFonts fromEnvironment() {
        List<Path> all = new ArrayList<>();
        Optional.ofNullable(System.getProperty("opencpm.report.cjk-font")).or(() -> Optional.ofNullable(System.getenv("OPENCPM_REPORT_CJK_FONT")))
                .filter(s -> !s.isBlank()).map(Path::of).ifPresent(all::add);
        all.addAll(DEBIAN);
        return new PdfFonts(all);
    }

    /** Only these files (a test's choice, none for "no Chinese font here"). */
    public static PdfFonts only(List<Path> files) {
        return new PdfFonts(files);
    }

    /** The first readable CJK font file, if any. */
    public Optional<Path> cjk() {
        return candidates.stream().filter(Files::isReadable).filter(PdfFonts::nonEmpty).findFirst();
    }

    private static boolean nonEmpty(Path p) {
        try {
            return Files.size(p) > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
