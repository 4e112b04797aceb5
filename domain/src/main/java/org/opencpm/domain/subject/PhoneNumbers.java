package org.opencpm.domain.subject;

import java.util.regex.Pattern;
import org.opencpm.domain.InvalidValueException;

/**
 * Brings a phone number as people write it to one canonical E.164 form, so that
 * {@code 13800138000}, {@code +86 138-0013-8000}, {@code 0086 138 0013 8000},
 * {@code (+86)13800138000} and full-width {@code １３８００１３８０００} are the same subject.
 *
 * <p>Numbers without a country code are mainland Chinese: an 11-digit mobile ({@code 1[3-9]…}) or
 * a landline with its trunk {@code 0} ({@code 010-12345678}). Numbers with {@code +} or {@code 00}
 * and another country code are kept as E.164 digits.
 */
public final class PhoneNumbers {

    private static final Pattern CN_LANDLINE = Pattern.compile("(?:10|2\\d)\\d{8}|[3-9]\\d{2}\\d{7,8}");
    private static final Pattern E164_DIGITS = Pattern.compile("[1-9]\\d{7,14}");

    private PhoneNumbers() {
    }

    /** The canonical form, {@code +8613800138000}, or an explanation of why it is no phone number. */
    public static String normalise(String written, String field) {
        if (written == null || written.isBlank()) {
            throw new InvalidValueException(field, "a phone number is required");
        }
        if (written.length() == 14 && written.startsWith("+86") && isMobile(written, 3)) {
            return written; // already canonical (an identifier checks its value again when it is built): no copies
        }
        String compact = compact(written);
        if (compact == null) {
            throw new InvalidValueException(field, "is not a phone number (only digits, '+', spaces, '-', '.', '(' and ')' are allowed)");
        }
        boolean international = compact.startsWith("+") || compact.startsWith("00");
        String digits = compact.startsWith("+") ? compact.substring(1) : compact.startsWith("00") ? compact.substring(2) : compact;
        if (international) {
            if (digits.startsWith("86")) {
                return mainland(digits.substring(2), field);
            }
            if (!E164_DIGITS.matcher(digits).matches()) {
                throw new InvalidValueException(field, "is not an international phone number (country code and 8–15 digits)");
            }
            return "+" + digits;
        }
        if (isMobile(digits, 0)) {
            return "+86" + digits;
        }
        if (digits.length() == 13 && digits.startsWith("86") && isMobile(digits, 2)) {
            return "+" + digits;
        }
        if (digits.startsWith("0")) {
            return mainland(digits.substring(1), field);
        }
        throw new InvalidValueException(field, "is not a mainland Chinese phone number (11-digit mobile or 0-prefixed landline); give others with '+' and the country code");
    }

    private static String mainland(String national, String field) {
        if (national.startsWith("0")) {
            national = national.substring(1);
        }
        if (isMobile(national, 0) || CN_LANDLINE.matcher(national).matches()) {
            return "+86" + national;
        }
        throw new InvalidValueException(field, "is not a valid mainland Chinese mobile or landline number");
    }

    /**
     * Whether {@code text} from {@code from} on is a mainland mobile number, {@code 1[3-9]} and nine
     * digits more. A loop rather than a regular expression: every line of an audience filter is a
     * phone number normalised (and checked again when the identifier is built), and the expression
     * was a tenth of the filter's time.
     */
    private static boolean isMobile(String text, int from) {
        if (text.length() - from != 11 || text.charAt(from) != '1' || text.charAt(from + 1) < '3' || text.charAt(from + 1) > '9') {
            return false;
        }
        for (int i = from + 2; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Digits and a leading '+' only, full-width forms folded; null when other characters appear. */
    private static String compact(String written) {
        StringBuilder out = new StringBuilder(written.length());
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            if (c >= '０' && c <= '９') {
                c = (char) ('0' + (c - '０'));
            } else if (c == '＋') {
                c = '+';
            }
            if (c >= '0' && c <= '9') {
                out.append(c);
            } else if (c == '+') {
                if (!out.isEmpty()) {
                    return null;
                }
                out.append(c);
            } else if (!(Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '-' || c == '.' || c == '('
                    || c == ')' || c == '（' || c == '）' || c == '－')) {
                return null;
            }
        }
        return out.isEmpty() || "+".contentEquals(out) ? null : out.toString();
    }
}
