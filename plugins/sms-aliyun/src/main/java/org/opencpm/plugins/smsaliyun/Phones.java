package org.opencpm.plugins.smsaliyun;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencpm.connectors.api.IdentifierType;
import org.opencpm.connectors.api.SubjectIdentifier;

/**
 * Phone numbers between OpenCPM (E.164: {@code +8613800138000}) and Dysmsapi, which writes mainland
 * mobiles without a country code ({@code 13800138000}) and others as country code and number
 * without {@code +} ({@code 85291234567}).
 */
final class Phones {

    private static final Pattern MAINLAND_MOBILE = Pattern.compile("(?:\\+86|0086|86)?(1[3-9]\\d{9})");
    private static final Pattern E164_MAINLAND = Pattern.compile("\\+86(1[3-9]\\d{9})");
    private static final Pattern E164 = Pattern.compile("\\+([1-9]\\d{7,14})");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-()]");

    private Phones() {
    }

    /**
     * The E.164 form of a number as SmsUp reports it (a mainland mobile, with or without 86):
     * {@code +86…}. Anything else goes to OpenCPM as written, where the host normalises it or
     * refuses that reply's event with the reason (never this plugin's guess).
     */
    static String fromSmsUp(String written) {
        Matcher mobile = MAINLAND_MOBILE.matcher(SEPARATORS.matcher(written).replaceAll(""));
        return mobile.matches() ? "+86" + mobile.group(1) : written.strip();
    }

    /** The recipient as {@code PhoneNumbers} takes it, if it is a phone in E.164. */
    static Optional<String> toDysmsapi(SubjectIdentifier recipient) {
        if (!IdentifierType.PHONE.code().equals(recipient.type())) {
            return Optional.empty();
        }
        Matcher mainland = E164_MAINLAND.matcher(recipient.value());
        if (mainland.matches()) {
            return Optional.of(mainland.group(1));
        }
        Matcher international = E164.matcher(recipient.value());
        return international.matches() ? Optional.of(international.group(1)) : Optional.empty();
    }
}
