package org.opencpm.adapters.decisionindex;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.opencpm.application.port.out.SubjectView;
import org.opencpm.domain.ChinaTime;
import org.opencpm.domain.consent.ConsentMethod;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.consent.ConsentStatus;
import org.opencpm.domain.consent.NoticeStamp;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.Subject;
import org.opencpm.domain.subject.SubjectId;

/**
 * A decision's reading of a {@link PackedSubject packed} subject: reads the one consent asked for
 * straight from the record, without building the subject's state.
 */
final class PackedView implements SubjectView {

    private final SubjectId id;
    private final byte[] record;
    private final Dictionary dictionary;
    private final SubjectHeader header;

    PackedView(SubjectId id, byte[] record, Dictionary dictionary) {
        this.id = id;
        this.record = record;
        this.dictionary = dictionary;
        this.header = SubjectHeader.read(record);
    }

    @Override
    public SubjectId id() {
        return id;
    }

    @Override
    public boolean isMinorAt(Instant now) {
        if ((record[0] & PackedSubject.HAS_BIRTH_DATE) != 0) {
            return Subject.bornAMinorOn(LocalDate.ofEpochDay(header.birthEpochDay), now.atZone(ChinaTime.ZONE).toLocalDate());
        }
        return (record[0] & PackedSubject.DECLARED_MINOR) != 0;
    }

    @Override
    public Optional<PackedConsent> consentTo(PurposeCode purpose) {
        int wanted = dictionary.purposeNumber(purpose);
        if (wanted < 0) {
            return Optional.empty();
        }
        Bytes.Reader in = new Bytes.Reader(record, header.consentsAt);
        for (int i = 0; i < header.consents; i++) {
            int number = in.varInt();
            ConsentShape shape = dictionary.shape(in.varInt());
            if (number == wanted) {
                return Optional.of(new PackedConsent(ConsentTimes.read(in, shape, header)));
            }
            ConsentTimes.skip(in, shape);
        }
        return Optional.empty();
    }

    @Override
    public Preferences preferences() {
        return dictionary.preferences(header.preferences);
    }

    /** The facts of one packed consent a decision reads. */
    static final class PackedConsent implements ConsentStatus {

        private final ConsentTimes times;

        PackedConsent(ConsentTimes times) {
            this.times = times;
        }

        @Override
        public ConsentState recordedState() {
            return times.shape.state();
        }

        @Override
        public long expiresAtEpochMilli() {
            return times.expires;
        }

        @Override
        public boolean grantedByGuardian() {
            return times.shape.guardian().isPresent();
        }

        @Override
        public ConsentMethod method() {
            return times.shape.method();
        }

        @Override
        public long grantedAtEpochMilli() {
            return times.granted;
        }

        @Override
        public Optional<NoticeStamp> noticeStamp() {
            return times.shape.notice();
        }
    }
}
