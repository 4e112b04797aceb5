package org.opencpm.domain.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * Writes an event's {@link CanonicalForm canonical form} straight into a reused UTF-8 byte buffer and
 * hashes it — the one implementation of the form ({@link CanonicalForm#of} is these bytes as text), on
 * the verifier's hot path (P8), which rebuilds one canonical form per event. The bytes are exactly
 * those of the string-built form it replaced (kept in the tests as {@code ReferenceCanonicalForm}, the
 * same escapes, the same detail key order, an unpaired surrogate written as {@code ?} as Java's UTF-8
 * encoder does), without building the whole text first: each value is encoded by the JDK and copied, escapes added where the bytes
 * need them; times are formatted by hand for years 0–9999.
 *
 * <p>Not thread-safe: one writer per thread (a verifier owns one).
 */
public final class CanonicalWriter {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat HEX_FORMAT = HexFormat.of();

    private final MessageDigest digest = AuditChain.sha256();
    private final byte[] hash = new byte[32];
    private byte[] buf = new byte[1024];
    private int len;
    private String[] keys = new String[8];

    /** The canonical form of {@code event} as UTF-8 bytes (a fresh copy). */
    public byte[] bytes(AuditEvent event) {
        write(event);
        return Arrays.copyOf(buf, len);
    }

    /** The SHA-256 of the canonical form, in lower-case hex: the hash {@code event} must carry. */
    public String hashOf(AuditEvent event) {
        return HEX_FORMAT.formatHex(digestOf(event));
    }

    /** Whether {@code event} carries the hash of its own canonical form, without formatting the hash as text. */
    public boolean matchesItsHash(AuditEvent event) {
        byte[] d = digestOf(event);
        String expected = event.hash();
        if (expected.length() != 64) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            int b = d[i] & 0xff;
            if (expected.charAt(2 * i) != HEX[b >>> 4] || expected.charAt(2 * i + 1) != HEX[b & 0xf]) {
                return false;
            }
        }
        return true;
    }

    private byte[] digestOf(AuditEvent event) {
        write(event);
        digest.reset();
        digest.update(buf, 0, len);
        try {
            digest.digest(hash, 0, 32);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("SHA-256 digests are 32 bytes", e);
        }
        return hash;
    }

    private void write(AuditEvent event) {
        len = 0;
        Map<String, String> details = event.details();
        int n = details.size();
        if (keys.length < n) {
            keys = new String[Math.max(n, keys.length * 2)];
        }
        int k = 0;
        for (String key : details.keySet()) {
            keys[k++] = key;
        }
        Arrays.sort(keys, 0, n); // code-unit order, as a TreeMap would give them
        ascii("{\"actor\":");
        string(event.actor());
        ascii(",\"channel\":");
        string(event.channel());
        ascii(",\"details\":{");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                put((byte) ',');
            }
            string(keys[i]);
            put((byte) ':');
            string(details.get(keys[i]));
            keys[i] = null;
        }
        ascii("},\"eventId\":");
        string(event.eventId());
        ascii(",\"noticeCode\":");
        string(event.noticeCode());
        ascii(",\"noticeVersion\":");
        string(event.noticeVersion());
        ascii(",\"occurredAt\":");
        time(event.occurredAt());
        ascii(",\"prevHash\":");
        string(event.prevHash());
        ascii(",\"purpose\":");
        string(event.purpose());
        ascii(",\"recordedAt\":");
        time(event.recordedAt());
        ascii(",\"seq\":");
        ascii(Long.toString(event.seq()));
        ascii(",\"state\":");
        string(event.state());
        ascii(",\"subjectId\":");
        string(event.subjectId());
        ascii(",\"type\":");
        string(event.type().code());
        put((byte) '}');
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    private void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    /** Text known to be plain ASCII needing no escapes (names, numbers). */
    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void string(String value) {
        if (value == null) {
            ascii("null");
            return;
        }
        // the JDK's encoder (vectorised for ASCII); escapes concern ASCII bytes only, and every byte
        // of a multi-byte UTF-8 sequence is 0x80 or above, so escaping can work on the encoded bytes
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        int n = utf8.length;
        ensure(n + 2);
        buf[len++] = '"';
        int clean = 0;
        while (clean < n) {
            byte b = utf8[clean];
            if ((b >= 0 && b < 0x20) || b == '"' || b == '\\') {
                break;
            }
            clean++;
        }
        System.arraycopy(utf8, 0, buf, len, clean);
        len += clean;
        for (int i = clean; i < n; i++) {
            byte b = utf8[i];
            ensure(7);
            if ((b >= 0 && b < 0x20) || b == '"' || b == '\\') {
                escape((char) b);
            } else {
                buf[len++] = b;
            }
        }
        put((byte) '"');
    }

    private void escape(char c) {
        buf[len++] = '\\';
        switch (c) {
            case '"' -> buf[len++] = '"';
            case '\\' -> buf[len++] = '\\';
            case '\b' -> buf[len++] = 'b';
            case '\f' -> buf[len++] = 'f';
            case '\n' -> buf[len++] = 'n';
            case '\r' -> buf[len++] = 'r';
            case '\t' -> buf[len++] = 't';
            default -> {
                buf[len++] = 'u';
                buf[len++] = '0';
                buf[len++] = '0';
                buf[len++] = HEX[(c >> 4) & 0xf];
                buf[len++] = HEX[c & 0xf];
            }
        }
    }

    /** {@code "yyyy-MM-ddTHH:mm:ss.SSSZ"}, milliseconds truncated, as {@link CanonicalForm#time}. */
    private void time(Instant t) {
        long seconds = t.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        // civil-from-days (proleptic Gregorian), valid for the years written with four digits
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            String text = CanonicalForm.time(t); // signs and wider years: leave them to java.time
            ensure(text.length() + 2);
            put((byte) '"');
            ascii(text);
            put((byte) '"');
            return;
        }
        ensure(26);
        buf[len++] = '"';
        digits((int) year, 4);
        buf[len++] = '-';
        digits(month, 2);
        buf[len++] = '-';
        digits(day, 2);
        buf[len++] = 'T';
        digits(secondOfDay / 3600, 2);
        buf[len++] = ':';
        digits(secondOfDay / 60 % 60, 2);
        buf[len++] = ':';
        digits(secondOfDay % 60, 2);
        buf[len++] = '.';
        digits(t.getNano() / 1_000_000, 3);
        buf[len++] = 'Z';
        buf[len++] = '"';
    }

    private void digits(int value, int width) {
        for (int i = len + width - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        len += width;
    }
}
