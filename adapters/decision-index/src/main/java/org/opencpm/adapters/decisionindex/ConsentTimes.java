package org.opencpm.adapters.decisionindex;

/** One packed consent's version and times ({@link PackedSubject}), read after its purpose and shape numbers. */
final class ConsentTimes {
    ConsentShape shape;
    long version;
    long changed;
    long granted = Long.MIN_VALUE;
    long expires = Long.MAX_VALUE;
    int changedFraction;
    int grantedFraction;
    int expiresFraction;

    static ConsentTimes read(Bytes.Reader in, ConsentShape shape, SubjectHeader header) {
        ConsentTimes times = new ConsentTimes();
        times.shape = shape;
        times.version = header.version - in.zig();
        times.changed = header.registered + PackedSubject.readOffset(in, shape.changedFixed40());
        if (shape.granted() == ConsentShape.GRANTED_AT_CHANGE) {
            times.granted = times.changed;
        } else if (shape.granted() == ConsentShape.GRANTED_EXPLICIT) {
            times.granted = times.changed - PackedSubject.readOffset(in, shape.grantedFixed40());
        }
        if (shape.expiry() == ConsentShape.EXPIRY_DAYS_AFTER_GRANT) {
            times.expires = times.granted + shape.expiryDays() * PackedSubject.MILLIS_PER_DAY;
        } else if (shape.expiry() == ConsentShape.EXPIRY_EXPLICIT) {
            times.expires = in.zig();
        }
        if (shape.subMillisecond()) {
            times.changedFraction = in.varInt();
            times.grantedFraction = in.varInt();
            times.expiresFraction = in.varInt();
        }
        return times;
    }

    /** Moves past a consent this read does not need. */
    static void skip(Bytes.Reader in, ConsentShape shape) {
        in.var();
        skipOffset(in, shape.changedFixed40());
        if (shape.granted() == ConsentShape.GRANTED_EXPLICIT) {
            skipOffset(in, shape.grantedFixed40());
        }
        if (shape.expiry() == ConsentShape.EXPIRY_EXPLICIT) {
            in.var();
        }
        if (shape.subMillisecond()) {
            in.var();
            in.var();
            in.var();
        }
    }

    private static void skipOffset(Bytes.Reader in, boolean fixed40) {
        if (fixed40) {
            in.position += 5;
        } else {
            in.var();
        }
    }
}
