package org.opencpm.plugins.smsaliyun;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencpm.connectors.api.IdentifierType;
import org.opencpm.connectors.api.SubjectIdentifier;

/**
 * Phone numbers between OpenCPM (E.164: {@code +8613800138000}) and Dysmsapi, which writes mainland
 * mobiles without a country code ({@code 13800138000}).
 *
 * <p>Only mainland mobiles are sent. SendSms's documentation writes other countries' numbers as
 * country code and number without {@code +} or {@code 00} ("国际区号+号码") and reads an 11-digit
 * number without prefix as a mainland mobile: North America's {@code +1 312 345 6789} would be
 * {@code 13123456789}, a mainland mobile, i.e. someone else in China. No documented form tells the
 * two apart, so a number of another country is never written for SendSms at all.
 */
final class Phones {

    private static final Pattern MAINLAND_MOBILE = Pattern.compile("(?:\\+86|0086|86)?(1[3-9]\\d{9})");
    private static final Pattern E164_MAINLAND = Pattern.compile("\\+86(1[3-9]\\d{9})");
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{7,14}");
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

    /**
     * The recipient as {@code PhoneNumbers} takes it (11 digits), if it is a mainland mobile in
     * E.164; empty for anything else, other countries' numbers included (see the class comment).
     */
    static Optional<String> toDysmsapi(SubjectIdentifier recipient) {
        if (!isPhone(recipient)) {
            return Optional.empty();
        }
        Matcher mainland = E164_MAINLAND.matcher(recipient.value());
        return mainland.matches() ? Optional.of(mainland.group(1)) : Optional.empty();
    }

    /** Whether the recipient is a phone number in E.164 at all (of any country). */
    static boolean isPhone(SubjectIdentifier recipient) {
        return IdentifierType.PHONE.code().equals(recipient.type()) && E164.matcher(recipient.value()).matches();
    }
}
