package org.opencpm.adapters.rest.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Text for the PDF in runs of one font each: what the Latin font can show goes in it, the rest in
 * the CJK font when there is one (CJK fallback fonts often lack even ASCII), and a character
 * neither can show becomes '?', visibly.
 */
final class PdfText {

    /** A piece of text and the font that shows it. */
    record Run(PDFont font, String text) {
    }

    private final PDFont latin;
    private final Optional<PDFont> cjk;

    PdfText(PDFont latin, Optional<PDFont> cjk) {
        this.latin = latin;
        this.cjk = cjk;
    }

    List<Run> runs(String text) {
        List<Run> runs = new ArrayList<>();
        if (text == null) {
            return runs;
        }
        PDFont current = null;
        StringBuilder piece = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            String given = Character.isWhitespace(cp) ? " " : new String(Character.toChars(cp));
            PDFont font = shows(latin, given) ? latin : cjk.filter(f -> shows(f, given)).orElse(latin);
            String ch = font == latin && !shows(latin, given) ? "?" : given;
            if (font != current && !piece.isEmpty()) {
                runs.add(new Run(current, piece.toString()));
                piece.setLength(0);
            }
            current = font;
            piece.append(ch);
        }
        if (!piece.isEmpty()) {
            runs.add(new Run(current, piece.toString()));
        }
        return runs;
    }

    private static boolean shows(PDFont font, String ch) {
        try {
            font.encode(ch);
            return font.getStringWidth(ch) > 0 || ch.equals(" ");
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            return false;
        }
    }

    float width(String text, float size) {
        float w = 0;
        for (Run run : runs(text)) {
            try {
                w += run.font().getStringWidth(run.text()) / 1000 * size;
            } catch (IOException | IllegalArgumentException e) {
                w += run.text().length() * size * 0.6f;
            }
        }
        return w;
    }

    /** {@code text} cut with two dots to fit {@code max}. */
    String fit(String text, float size, float max) {
        if (width(text, size) <= max) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && width(cut + "..", size) > max) {
            cut = cut.substring(0, cut.offsetByCodePoints(cut.length(), -1));
        }
        return cut + "..";
    }

    /** Lines of {@code text} no wider than {@code max}: broken at spaces, or anywhere for text without them (Chinese). */
    List<String> wrap(String text, float size, float max) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            if (!line.isEmpty() && width(line + ch, size) > max) {
                int space = line.lastIndexOf(" ");
                if (space > 0 && cp != ' ') {
                    lines.add(line.substring(0, space));
                    line = new StringBuilder(line.substring(space + 1));
                } else {
                    lines.add(line.toString());
                    line = new StringBuilder();
                }
            }
            if (!(line.isEmpty() && cp == ' ')) {
                line.append(ch);
            }
            i += Character.charCount(cp);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
