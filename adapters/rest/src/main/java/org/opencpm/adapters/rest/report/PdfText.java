package org.opencpm.adapters.rest.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.font.PDFont;

/** Measuring, wrapping and cutting text for a PDF font; characters the font lacks become '?', visibly. */
final class PdfText {

    private PdfText() {
    }

    /** {@code text} with every character {@code font} cannot show replaced by '?'. */
    static String safe(PDFont font, String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            if (cp == '\n' || cp == '\r' || cp == '\t') {
                out.append(' ');
                return;
            }
            try {
                font.encode(ch); // throws for a character the font has no glyph for
                out.append(ch);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }

    static float width(PDFont font, String text, float size) {
        try {
            return font.getStringWidth(text) / 1000 * size;
        } catch (IOException | IllegalArgumentException e) {
            return text.length() * size * 0.6f;
        }
    }

    /** {@code text} cut with an ellipsis mark to fit {@code max}. */
    static String fit(PDFont font, String text, float size, float max) {
        if (width(font, text, size) <= max) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && width(font, cut + "..", size) > max) {
            cut = cut.substring(0, cut.offsetByCodePoints(cut.length(), -1));
        }
        return cut + "..";
    }

    /** Lines of {@code text} no wider than {@code max}: broken at spaces, or anywhere for text without them (Chinese). */
    static List<String> wrap(PDFont font, String text, float size, float max) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            if (width(font, line + ch, size) > max && !line.isEmpty()) {
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
