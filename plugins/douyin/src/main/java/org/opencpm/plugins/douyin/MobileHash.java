package org.opencpm.plugins.douyin;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.opencpm.connectors.api.Hmac;

/**
 * A phone as Ocean Engine's DMP matches it ({@code MOBILE_HASH_SHA256}): the SHA-256 of the
 * 11-digit mainland China number, without {@code +86}, as lower-case hex. The DMP's record format
 * asks for ids in lower case, and its own validation of this type takes 64 hex digits; the plain
 * mobile type it replaced took {@code 1} followed by ten digits, which is the number hashed here.
 * OpenCPM holds phones in E.164 ({@code +8613800138000}): only {@code +86} numbers of that form
 * have a match on the platform; any other phone is none of its business and is left out.
 */
final class MobileHash {

    private static final Pattern MAINLAND = Pattern.compile("\\+861\\d{10}");

    private MobileHash() {
    }

    /** The hash the DMP matches {@code e164} by, or empty when it is no mainland China mobile number. */
    static Optional<String> of(String e164) {
        String phone = e164.strip();
        if (!MAINLAND.matcher(phone).matches()) {
            return Optional.empty();
        }
        return Optional.of(Hmac.sha256Hex(phone.substring(3).getBytes(StandardCharsets.US_ASCII)));
    }
}
