package org.opencpm.plugins.smstencent;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Phone numbers between OpenCPM (E.164, {@code +8613800138000}) and Tencent Cloud SMS, whose reply
 * callback gives the country code apart ({@code nationcode 86}, {@code mobile 13800138000}). A
 * mainland number is {@code +86} and 11 digits starting with 1; elsewhere, E.164's at most 15
 * digits. Anything else is no phone: never guessed into one, since a guess could withdraw someone
 * else's consent.
 */
final class Phones {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern MAINLAND = Pattern.compile("\\+861[0-9]{10}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,15}");

    private Phones() {
    }

    /** {@code phone} if it is an E.164 number (a mainland one with its 11 digits). */
    static Optional<String> e164(String phone) {
        if (phone == null || !E164.matcher(phone).matches() || phone.startsWith("+86") && !MAINLAND.matcher(phone).matches()) {
            return Optional.empty();
        }
        return Optional.of(phone);
    }

    /**
     * The E.164 number of a reply's {@code nationcode} and {@code mobile}. A {@code +} or {@code 00}
     * before the country code is dropped; the mobile may be a whole E.164 number of that country,
     * and a mainland one may repeat the 86 ({@code 8613800138000}).
     */
    static Optional<String> of(String nationcode, String mobile) {
        String country = strip(nationcode.strip(), "+", "00");
        String number = mobile.strip();
        if (!DIGITS.matcher(country).matches() || country.startsWith("0") || country.length() > 3) {
            return Optional.empty();
        }
        if (number.startsWith("+")) {
            return number.startsWith("+" + country) ? e164(number) : Optional.empty();
        }
        if (country.equals("86") && MAINLAND.matcher("+" + number).matches()) {
            return Optional.of("+" + number);
        }
        return DIGITS.matcher(number).matches() ? e164("+" + country + number) : Optional.empty();
    }

    /**
     * {@code text} with {@code phone} in any of the forms a platform may print it (E.164, without
     * the {@code +}, a mainland number without its 86) replaced by {@code ***}: for the platform's
     * messages a caller sees.
     */
    static String hide(String text, String phone) {
        String out = text.replace(phone, "***").replace(phone.substring(1), "***");
        return phone.startsWith("+86") ? out.replace(phone.substring(3), "***") : out;
    }

    private static String strip(String text, String... prefixes) {
        for (String prefix : prefixes) {
            if (text.startsWith(prefix)) {
                return text.substring(prefix.length());
            }
        }
        return text;
    }
}
