package org.opencpm.application.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.application.SubjectErasedException;
import org.opencpm.application.SubjectsNotMergeableException;
import org.opencpm.application.port.in.EraseSubjectCommand;
import org.opencpm.application.port.in.ErasureStatus;
import org.opencpm.application.port.in.UpdatePreferencesCommand;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.InMemoryOpenCpm;

/**
 * Between an erasure's start and its finish the connectors have been told to delete the person
 * (PIPL Art. 47): nothing may reach them about that person afterwards — a platform would take the
 * person back — and nothing of them may move to a record the erasure does not reach.
 */
class WritesDuringErasureTest {

    private static final Identifier PHONE = Identifier.phone("13912345678");
    private static final Identifier OTHER_PHONE = Identifier.phone("13722223333");

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS);
    private final Notice notice = cpm.publish("privacy-policy", "1", false, MARKETING_SMS);
    private final SubjectId person;
    private final SubjectId other;

    WritesDuringErasureTest() {
        cpm.recordConsent.record(aGrant().by(PHONE).fromIp("198.51.100.23").of(MARKETING_SMS).on(notice).build());
        person = cpm.lookupSubject.lookup(List.of(PHONE)).orElseThrow();
        cpm.recordConsent.record(aGrant().by(OTHER_PHONE).of(MARKETING_SMS).on(notice).build());
        other = cpm.lookupSubject.lookup(List.of(OTHER_PHONE)).orElseThrow();
        cpm.subscriptions = change -> List.of("crm"); // the erasure waits for the connector
        assertThat(cpm.erasure.erase(new EraseSubjectCommand(person, EraseSubjectCommand.Reason.RETENTION, Optional.empty(),
                InMemoryOpenCpm.ADMIN))).isEqualTo(ErasureStatus.ERASING);
    }

    private List<ConsentChange.Kind> toldAboutPerson() {
        return cpm.outbox.changes().stream().filter(c -> c.subject().equals(person)).map(ConsentChange::kind).toList();
    }

    private void finish() {
        cpm.clock.advance(InMemoryOpenCpm.ERASURE_WAIT);
        assertThat(cpm.erasure.finishDue()).isEqualTo(1);
    }

    @Test
    @DisplayName("PIPL Art. 47: a person being erased cannot be merged away — their identifiers would outlive the erasure")
    void a_person_being_erased_is_not_merged_into_another() {
        assertThatThrownBy(() -> cpm.mergeSubjects.merge(other, person, InMemoryOpenCpm.ADMIN))
                .isInstanceOf(SubjectsNotMergeableException.class);
        finish();

        assertThat(cpm.lookupSubject.lookup(List.of(PHONE))).as("the erased phone leads nowhere").isEmpty();
        assertThat(cpm.verifyAudit.verify().valid()).isTrue();
    }

    @Test
    @DisplayName("PIPL Art. 47: nothing is merged into a person being erased — connectors would be told of them after the erasure")
    void nothing_is_merged_into_a_person_being_erased() {
        List<ConsentChange.Kind> before = toldAboutPerson();

        assertThatThrownBy(() -> cpm.mergeSubjects.merge(person, other, InMemoryOpenCpm.ADMIN))
                .isInstanceOf(SubjectsNotMergeableException.class);

        assertThat(toldAboutPerson()).isEqualTo(before).endsWith(ConsentChange.Kind.ERASURE);
        assertThat(cpm.lookupSubject.lookup(List.of(OTHER_PHONE))).contains(other);
    }

    @Test
    @DisplayName("PIPL Art. 47: after its erasure started, the person's grant is refused, not sent to platforms after the erasure")
    void a_grant_for_a_person_being_erased_is_refused() {
        assertThatThrownBy(() -> cpm.recordConsent.record(aGrant().by(PHONE).of(MARKETING_SMS).on(notice).build()))
                .isInstanceOf(SubjectErasedException.class);

        assertThat(toldAboutPerson()).endsWith(ConsentChange.Kind.ERASURE);
    }

    @Test
    @DisplayName("PIPL Art. 47: preferences and identifiers of a person being erased stay as they are")
    void preferences_and_identifiers_of_a_person_being_erased_are_refused() {
        Preferences prefs = new Preferences(Map.of("promotions", true), Map.of(), Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> cpm.preferences.update(new UpdatePreferencesCommand(person, prefs, CollectionChannel.PREFERENCE_CENTRE,
                InMemoryOpenCpm.ADMIN))).isInstanceOf(SubjectErasedException.class);
        assertThatThrownBy(() -> cpm.identifiers.add(person, List.of(Identifier.email("new@example.com")), InMemoryOpenCpm.ADMIN))
                .isInstanceOf(SubjectErasedException.class);
        assertThatThrownBy(() -> cpm.identifiers.remove(person, List.of(PHONE), InMemoryOpenCpm.ADMIN))
                .isInstanceOf(SubjectErasedException.class);

        assertThat(toldAboutPerson()).endsWith(ConsentChange.Kind.ERASURE);
        assertThat(cpm.lookupSubject.lookup(List.of(Identifier.email("new@example.com")))).isEmpty();
    }

    @Test
    @DisplayName("PIPL Art. 47: once erased, every use case that reads or writes the person by id answers subject-erased")
    void an_erased_person_is_gone_for_every_use_case() {
        finish();
        Preferences prefs = new Preferences(Map.of("promotions", true), Map.of(), Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> cpm.preferences.preferencesOf(person)).isInstanceOf(SubjectErasedException.class);
        assertThatThrownBy(() -> cpm.preferences.update(new UpdatePreferencesCommand(person, prefs, CollectionChannel.PREFERENCE_CENTRE,
                InMemoryOpenCpm.ADMIN))).isInstanceOf(SubjectErasedException.class);
        assertThatThrownBy(() -> cpm.identifiers.add(person, List.of(PHONE), InMemoryOpenCpm.ADMIN))
                .isInstanceOf(SubjectErasedException.class);
        assertThatThrownBy(() -> cpm.mergeSubjects.merge(other, person, InMemoryOpenCpm.ADMIN))
                .isInstanceOf(SubjectErasedException.class);
        assertThat(cpm.subjectStore.find(person)).as("never recreated").isEmpty();

        cpm.clock.advance(Duration.ofMinutes(1));
        cpm.recordConsent.record(aGrant().by(PHONE).of(MARKETING_SMS).on(notice).build());
        assertThat(cpm.lookupSubject.lookup(List.of(PHONE))).as("the phone coming back is somebody new")
                .isPresent().get().isNotEqualTo(person);
    }
}
