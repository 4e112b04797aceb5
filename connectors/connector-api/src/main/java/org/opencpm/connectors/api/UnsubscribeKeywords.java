package org.opencpm.connectors.api;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The replies that unsubscribe a person from marketing SMS (MIIT Order 31 requires a working
 * opt-out in every marketing message; Chinese gateways print "回T退订" or "拒收请回复R"), since
 * 1.3.0. A reply unsubscribes when, once normalised, it <em>is</em> one of the keywords: full-width
 * letters read as ASCII ("ＴＤ"), case ignored ("td"), and blanks, invisible characters,
 * punctuation, brackets, quotes and "~" around it dropped ("TD。", " t ", "【退订】", "“TD”", "退订~").
 * A reply that only contains a keyword ("I want TD shoes") does not: an unsubscribe the person did
 * not mean would silence them, and one they did mean is one word. The configured list may be
 * separated by ASCII or full-width commas, "、" or semicolons, as an operator types it.
 */
public final class UnsubscribeKeywords {

    /** The keywords when none are configured: T, TD, 退订, N, R. */
    public static final List<String> DEFAULTS = List.of("T", "TD", "退订", "N", "R");

    /** The configuration key SMS connectors read them from, comma-separated. */
    public static final String KEY = "unsubscribeKeywords";

    private final Set<String> keywords;

    private UnsubscribeKeywords(Set<String> keywords) {
        if (keywords.isEmpty()) {
            throw new IllegalStateException("configuration key '" + KEY + "' lists no keyword");
        }
        this.keywords = keywords;
    }

    /** The keywords of {@code config}'s {@value #KEY}, or {@link #DEFAULTS}. */
    public static UnsubscribeKeywords of(ConnectorConfig config) {
        List<String> listed = config.get(KEY).map(v -> Arrays.asList(v.split("[,;、，；]")))
                .orElse(DEFAULTS);
        return new UnsubscribeKeywords(listed.stream().map(UnsubscribeKeywords::normalise).filter(k -> !k.isEmpty())
                .collect(Collectors.toUnmodifiableSet()));
    }

    /** Whether {@code reply} (the SMS text as the gateway passed it on) asks to unsubscribe. */
    public boolean unsubscribes(String reply) {
        return reply != null && keywords.contains(normalise(reply));
    }

    static String normalise(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
        int begin = 0;
        int end = folded.length();
        while (begin < end && isWrapping(folded.codePointAt(begin))) {
            begin += Character.charCount(folded.codePointAt(begin));
        }
        while (end > begin && isWrapping(folded.codePointBefore(end))) {
            end -= Character.charCount(folded.codePointBefore(end));
        }
        return folded.substring(begin, end);
    }

    /** What may surround a keyword without changing it: blanks, invisible characters, punctuation, brackets, quotes, "~". */
    private static boolean isWrapping(int codePoint) {
        if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || codePoint == '~') {
            return true;
        }
        return switch (Character.getType(codePoint)) {
            case Character.OTHER_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                 Character.FINAL_QUOTE_PUNCTUATION, Character.DASH_PUNCTUATION, Character.CONNECTOR_PUNCTUATION, Character.FORMAT,
                 Character.CONTROL -> true;
            default -> false;
        };
    }

    @Override
    public String toString() {
        return "UnsubscribeKeywords" + keywords;
    }
}
