package org.opencpm.adapters.rest.report;

import java.util.List;

/** A small HTML writer: every text escaped, tables from rows of cells. */
final class Html {

    private final StringBuilder out = new StringBuilder(32 * 1024);

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder s = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '&' -> s.append("&amp;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }

    Html raw(String html) {
        out.append(html);
        return this;
    }

    Html element(String tag, String text) {
        out.append('<').append(tag).append('>').append(escape(text)).append("</").append(tag).append('>');
        return this;
    }

    Html section(String id, String title) {
        out.append("<section id=\"").append(id).append("\"><h2>").append(escape(title)).append("</h2>");
        return this;
    }

    Html end() {
        out.append("</section>");
        return this;
    }

    Html table(String id, List<String> head, List<List<String>> rows) {
        out.append("<table id=\"").append(id).append("\"><thead><tr>");
        head.forEach(h -> out.append("<th>").append(escape(h)).append("</th>"));
        out.append("</tr></thead><tbody>");
        for (List<String> row : rows) {
            out.append("<tr>");
            row.forEach(cell -> out.append("<td>").append(escape(cell)).append("</td>"));
            out.append("</tr>");
        }
        out.append("</tbody></table>");
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
