package org.opencpm.adapters.decisionindex;

/** The fixed part of a {@link PackedSubject} record with state, read once per decision. */
final class SubjectHeader {
    long version;
    long registered;
    int registeredFraction;
    long birthEpochDay;
    int preferences;
    int consents;
    int consentsAt;

    static SubjectHeader read(byte[] record) {
        SubjectHeader header = new SubjectHeader();
        Bytes.Reader in = new Bytes.Reader(record, PackedSubject.afterId(record));
        int flags = record[0];
        header.version = in.var();
        header.registered = in.zig();
        if ((flags & PackedSubject.REGISTERED_FRACTION) != 0) {
            header.registeredFraction = in.varInt();
        }
        if ((flags & PackedSubject.HAS_BIRTH_DATE) != 0) {
            header.birthEpochDay = in.zig();
        }
        if ((flags & PackedSubject.SHARED_PREFERENCES) != 0) {
            header.preferences = in.varInt();
        }
        header.consents = in.varInt();
        header.consentsAt = in.position;
        return header;
    }
}
