package org.opencpm.adapters.decisionindex;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.opencpm.application.port.out.SubjectState;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.Subject;
import org.opencpm.domain.subject.SubjectId;

/**
 * One subject as one byte array: the whole {@link SubjectState}, without loss — {@link #decode}
 * gives back a state equal to the one {@link #encode encoded}. Layout:
 *
 * <pre>
 * flags                 1 byte: {@link #CANONICAL_ID}, {@link #HAS_STATE}, {@link #REMOVED}, …
 * subject id            16 bytes for {@code sub_} + 32 lower-case hex digits (the form OpenCPM
 *                       gives out), else its length and its ASCII characters
 * — with {@link #HAS_STATE}:
 * version               varint
 * registeredAt          zig-zag varint, epoch milliseconds [+ varint nanoseconds of the millisecond]
 * birth date            zig-zag varint, epoch day (with {@link #HAS_BIRTH_DATE})
 * preferences           varint, their number in the dictionary (with {@link #SHARED_PREFERENCES};
 *                       none set without)
 * consents              varint count, then per consent:
 *   purpose             varint, its number in the {@link Dictionary}
 *   shape               varint, its {@link ConsentShape} number in the dictionary
 *   version             zig-zag varint, back from the subject's version
 *   changedAt           offset from registeredAt in milliseconds, zig-zag varint or fixed 40 bits
 *   grantedAt           if the shape says explicit: offset back from changedAt, likewise
 *   expiresAt           if the shape says explicit: zig-zag varint epoch milliseconds
 *   fractions           if the shape says so: varint nanoseconds of the millisecond of the three times
 * </pre>
 *
 * A record without {@link #HAS_STATE} holds an id only: a subject known by an identifier before its
 * state arrived, or one {@link #REMOVED} (merged or erased), which nothing brings back.
 */
final class PackedSubject {

    static final int CANONICAL_ID = 1;
    static final int HAS_STATE = 1 << 1;
    static final int REMOVED = 1 << 2;
    static final int HAS_BIRTH_DATE = 1 << 3;
    static final int DECLARED_MINOR = 1 << 4;
    static final int REGISTERED_FRACTION = 1 << 5;
    static final int SHARED_PREFERENCES = 1 << 6;
    /** The state would not pack: the index keeps it as it is, beside the record that holds its id. */
    static final int KEPT_ASIDE = 1 << 7;

    private static final String CANONICAL_PREFIX = "sub_";
    private static final int CANONICAL_LENGTH = CANONICAL_PREFIX.length() + 32;
    private static final int PREFIX_HASH = CANONICAL_PREFIX.hashCode();
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int NANOS_PER_MILLI = 1_000_000;
    static final long MILLIS_PER_DAY = 86_400_000L;

    private PackedSubject() {
    }

    // --- the id ---

    static boolean isCanonical(String id) {
        if (id.length() != CANONICAL_LENGTH || !id.startsWith(CANONICAL_PREFIX)) {
            return false;
        }
        for (int i = CANONICAL_PREFIX.length(); i < CANONICAL_LENGTH; i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static void writeId(Bytes.Writer out, String id, int flags) {
        if ((flags & CANONICAL_ID) != 0) {
            for (int i = CANONICAL_PREFIX.length(); i < CANONICAL_LENGTH; i += 2) {
                out.write(Character.digit(id.charAt(i), 16) << 4 | Character.digit(id.charAt(i + 1), 16));
            }
        } else {
            byte[] ascii = id.getBytes(StandardCharsets.US_ASCII); // SubjectId allows [A-Za-z0-9_-] only
            out.var(ascii.length);
            for (byte b : ascii) {
                out.write(b);
            }
        }
    }

    /** Where the id ends and the rest of the record begins. */
    static int afterId(byte[] record) {
        if ((record[0] & CANONICAL_ID) != 0) {
            return 17;
        }
        Bytes.Reader in = new Bytes.Reader(record, 1);
        int length = in.varInt();
        return in.position + length;
    }

    /** Whether the record is subject {@code id}'s. Safe on a record being read optimistically. */
    static boolean idEquals(byte[] record, String id) {
        if ((record[0] & CANONICAL_ID) != 0) {
            if (id.length() != CANONICAL_LENGTH || !id.startsWith(CANONICAL_PREFIX)) {
                return false;
            }
            for (int i = 0; i < 16; i++) {
                int b = record[1 + i] & 0xFF;
                int at = CANONICAL_PREFIX.length() + 2 * i;
                if (id.charAt(at) != HEX[b >>> 4] || id.charAt(at + 1) != HEX[b & 0xF]) {
                    return false;
                }
            }
            return true;
        }
        int length = record[1];
        if (length != id.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (record[2 + i] != id.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** {@code String.hashCode()} of the record's id, computed from its bytes: what the id table is keyed by. */
    static int idHash(byte[] record) {
        int hash;
        if ((record[0] & CANONICAL_ID) != 0) {
            hash = PREFIX_HASH;
            for (int i = 0; i < 16; i++) {
                int b = record[1 + i] & 0xFF;
                hash = 31 * (31 * hash + HEX[b >>> 4]) + HEX[b & 0xF];
            }
        } else {
            hash = 0;
            int length = record[1];
            for (int i = 0; i < length; i++) {
                hash = 31 * hash + record[2 + i];
            }
        }
        return hash;
    }

    static SubjectId id(byte[] record) {
        if ((record[0] & CANONICAL_ID) != 0) {
            char[] chars = new char[CANONICAL_LENGTH];
            CANONICAL_PREFIX.getChars(0, CANONICAL_PREFIX.length(), chars, 0);
            for (int i = 0; i < 16; i++) {
                int b = record[1 + i] & 0xFF;
                chars[CANONICAL_PREFIX.length() + 2 * i] = HEX[b >>> 4];
                chars[CANONICAL_PREFIX.length() + 2 * i + 1] = HEX[b & 0xF];
            }
            return new SubjectId(new String(chars));
        }
        return new SubjectId(new String(record, 2, record[1], StandardCharsets.US_ASCII));
    }

    // --- what kind of record ---

    static boolean hasState(byte[] record) {
        return (record[0] & HAS_STATE) != 0;
    }

    static boolean isRemoved(byte[] record) {
        return (record[0] & REMOVED) != 0;
    }

    /** A subject known by id only, with no state yet. */
    static byte[] idOnly(SubjectId id) {
        return header(id, 0).toArray();
    }

    /** A subject whose state would not pack, kept beside the record as it is. */
    static byte[] keptAside(SubjectId id) {
        return header(id, HAS_STATE | KEPT_ASIDE).toArray();
    }

    static boolean isKeptAside(byte[] record) {
        return (record[0] & KEPT_ASIDE) != 0;
    }

    /** A subject merged or erased. */
    static byte[] removed(SubjectId id) {
        return header(id, REMOVED).toArray();
    }

    private static Bytes.Writer header(SubjectId id, int flags) {
        boolean canonical = isCanonical(id.value());
        flags |= canonical ? CANONICAL_ID : 0;
        Bytes.Writer out = new Bytes.Writer();
        out.write(flags);
        writeId(out, id.value(), flags);
        return out;
    }

    /** The subject's version in a record {@link #hasState with state}. */
    static long version(byte[] record) {
        return new Bytes.Reader(record, afterId(record)).var();
    }

    // --- the state ---

    /**
     * Packs {@code state}, numbering its purposes, shapes and preferences in {@code dictionary}; null
     * when it will not pack — a time beyond what epoch milliseconds hold (±292 million years), or
     * preferences when the dictionary holds as many as it may — and the index keeps it as it is.
     * Under the write lock.
     */
    static byte[] encode(SubjectState state, Dictionary dictionary) {
        try {
            int preferences = dictionary.numberPreferences(state.preferences());
            return preferences < 0 ? null : encode(state, preferences, dictionary);
        } catch (ArithmeticException beyondMilliseconds) {
            return null;
        }
    }

    private static byte[] encode(SubjectState state, int preferences, Dictionary dictionary) {
        Subject subject = state.subject();
        int flags = HAS_STATE;
        flags |= preferences > 0 ? SHARED_PREFERENCES : 0;
        flags |= subject.birthDate().isPresent() ? HAS_BIRTH_DATE : 0;
        flags |= subject.declaredMinor() ? DECLARED_MINOR : 0;
        long registered = subject.registeredAt().toEpochMilli();
        int registeredFraction = fraction(subject.registeredAt());
        flags |= registeredFraction != 0 ? REGISTERED_FRACTION : 0;
        Bytes.Writer out = header(subject.id(), flags);
        out.var(subject.version());
        out.zig(registered);
        if (registeredFraction != 0) {
            out.var(registeredFraction);
        }
        subject.birthDate().ifPresent(day -> out.zig(day.toEpochDay()));
        if (preferences > 0) {
            out.var(preferences);
        }
        out.var(state.consents().size());
        for (Consent consent : state.consents().values()) {
            encode(consent, subject.version(), registered, dictionary, out);
        }
        return out.toArray();
    }

    private static void encode(Consent consent, long subjectVersion, long registered, Dictionary dictionary, Bytes.Writer out) {
        long changed = consent.changedAt().toEpochMilli();
        long changedOffset = Math.subtractExact(changed, registered);
        boolean changedFixed = prefersFixed40(changedOffset);

        int granted = ConsentShape.GRANTED_NONE;
        long grantedOffset = 0;
        boolean grantedFixed = false;
        long grantedMillis = 0;
        if (consent.grantedAt().isPresent()) {
            Instant at = consent.grantedAt().get();
            grantedMillis = at.toEpochMilli();
            if (at.equals(consent.changedAt())) {
                granted = ConsentShape.GRANTED_AT_CHANGE;
            } else {
                granted = ConsentShape.GRANTED_EXPLICIT;
                grantedOffset = Math.subtractExact(changed, grantedMillis);
                grantedFixed = prefersFixed40(grantedOffset);
            }
        }
        int expiry = ConsentShape.EXPIRY_NONE;
        int expiryDays = 0;
        long expires = 0;
        if (consent.expiresAt().isPresent()) {
            Instant at = consent.expiresAt().get();
            expires = at.toEpochMilli();
            long days = consent.grantedAt().isPresent() && fraction(at) == fraction(consent.grantedAt().get())
                    ? (expires - grantedMillis) / MILLIS_PER_DAY : -1;
            if (days > 0 && days <= 36_500 && grantedMillis + days * MILLIS_PER_DAY == expires) {
                expiry = ConsentShape.EXPIRY_DAYS_AFTER_GRANT;
                expiryDays = (int) days;
            } else {
                expiry = ConsentShape.EXPIRY_EXPLICIT;
            }
        }
        int changedFraction = fraction(consent.changedAt());
        int grantedFraction = consent.grantedAt().map(PackedSubject::fraction).orElse(0);
        int expiresFraction = consent.expiresAt().map(PackedSubject::fraction).orElse(0);
        boolean fractions = (changedFraction | grantedFraction | expiresFraction) != 0;

        ConsentShape shape = new ConsentShape(consent.state(), consent.guardian(), consent.channel(), consent.method(),
                consent.notice(), changedFixed, granted, grantedFixed, expiry, expiryDays, fractions);
        out.var(dictionary.numberPurpose(consent.purpose()));
        out.var(dictionary.numberShape(shape));
        out.zig(subjectVersion - consent.version());
        writeOffset(out, changedOffset, changedFixed);
        if (granted == ConsentShape.GRANTED_EXPLICIT) {
            writeOffset(out, grantedOffset, grantedFixed);
        }
        if (expiry == ConsentShape.EXPIRY_EXPLICIT) {
            out.zig(expires);
        }
        if (fractions) {
            out.var(changedFraction);
            out.var(grantedFraction);
            out.var(expiresFraction);
        }
    }

    /** Five fixed bytes are shorter than the varint (six bytes or more) and hold the value. */
    private static boolean prefersFixed40(long offset) {
        return Bytes.varLength(Bytes.zigzag(offset)) > 5 && Bytes.fitsFixed40(offset);
    }

    private static void writeOffset(Bytes.Writer out, long offset, boolean fixed40) {
        if (fixed40) {
            out.fixed40(offset);
        } else {
            out.zig(offset);
        }
    }

    static long readOffset(Bytes.Reader in, boolean fixed40) {
        return fixed40 ? in.fixed40() : in.zig();
    }

    private static int fraction(Instant at) {
        return at.getNano() % NANOS_PER_MILLI;
    }

    private static Instant instant(long millis, int fraction) {
        Instant at = Instant.ofEpochMilli(millis);
        return fraction == 0 ? at : at.plusNanos(fraction);
    }

    /** The state {@link #encode} packed. */
    static SubjectState decode(byte[] record, Dictionary dictionary) {
        SubjectHeader header = SubjectHeader.read(record);
        SubjectId id = id(record);
        Bytes.Reader in = new Bytes.Reader(record, header.consentsAt);
        Map<PurposeCode, Consent> consents = new HashMap<>();
        for (int i = 0; i < header.consents; i++) {
            PurposeCode purpose = dictionary.purpose(in.varInt());
            ConsentTimes times = ConsentTimes.read(in, dictionary.shape(in.varInt()), header);
            ConsentShape shape = times.shape;
            Optional<Instant> granted = shape.granted() == ConsentShape.GRANTED_NONE ? Optional.empty()
                    : Optional.of(instant(times.granted, times.grantedFraction));
            Optional<Instant> expires = shape.expiry() == ConsentShape.EXPIRY_NONE ? Optional.empty()
                    : Optional.of(instant(times.expires, times.expiresFraction));
            consents.put(purpose, Consent.restore(id, purpose, shape.state(), times.version, instant(times.changed, times.changedFraction),
                    granted, expires, shape.notice(), shape.guardian(), shape.channel(), shape.method()));
        }
        int flags = record[0];
        Optional<LocalDate> birthDate = (flags & HAS_BIRTH_DATE) != 0 ? Optional.of(LocalDate.ofEpochDay(header.birthEpochDay))
                : Optional.empty();
        Subject subject = new Subject(id, birthDate, (flags & DECLARED_MINOR) != 0, header.version,
                instant(header.registered, header.registeredFraction));
        return new SubjectState(subject, consents, dictionary.preferences(header.preferences));
    }
}
