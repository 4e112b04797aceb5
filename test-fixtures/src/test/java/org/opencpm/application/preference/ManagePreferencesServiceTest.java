package org.opencpm.application.preference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.testfixtures.ConsentEvents.PHONE;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;

import java.time.LocalTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencpm.application.SubjectNotFoundException;
import org.opencpm.application.port.in.DecisionQuery;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.application.port.in.UpdatePreferencesCommand;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.domain.ChinaTime;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.audit.AuditEventType;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.decision.UsageRequest;
import org.opencpm.domain.preference.ChannelPreference;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.preference.FrequencyCap;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.preference.QuietHours;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.InMemoryOpenCpm;

class ManagePreferencesServiceTest {

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS);
    private final SubjectId subject = cpm.recordConsent.record(aGrant().by(PHONE).of(MARKETING_SMS)
            .on(cpm.publish("privacy-policy", "1", false, MARKETING_SMS)).build()).receipts().get(0).subjectId();

    private final Preferences noSmsNoPromotions = new Preferences(Map.of("promotions", false, "new-products", true),
            Map.of(ContactChannel.SMS, ChannelPreference.disabled(), ContactChannel.EMAIL, ChannelPreference.enabled(FrequencyCap.perMonth(4))),
            Optional.of(new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0), ChinaTime.ZONE)), Optional.of("zh-CN"));

    private long update(Preferences preferences) {
        return cpm.preferences.update(new UpdatePreferencesCommand(subject, preferences, CollectionChannel.PREFERENCE_CENTRE,
                InMemoryOpenCpm.ADMIN));
    }

    @Test
    void someone_who_never_chose_has_no_preferences() {
        assertThat(cpm.preferences.preferencesOf(subject)).isEqualTo(Preferences.none());
    }

    @Test
    void a_change_is_stored_audited_versioned_propagated_and_decided_on() {
        long version = update(noSmsNoPromotions);

        assertThat(version).isEqualTo(2);
        assertThat(cpm.preferences.preferencesOf(subject)).isEqualTo(noSmsNoPromotions);
        AuditEvent audited = cpm.auditTrail.all().get(cpm.auditTrail.all().size() - 1);
        assertThat(audited.type()).isEqualTo(AuditEventType.PREFERENCES_UPDATED);
        assertThat(audited.details()).doesNotContainKey("channels.sms.enabled").containsKey("sealed");
        assertThat(cpm.personalOf(audited)).containsEntry("channels.sms.enabled", "false").containsEntry("topics.promotions", "false")
                .containsEntry("channels.email.maxPerMonth", "4").containsEntry("quietHours", "21:00-08:00 Asia/Shanghai");
        assertThat(cpm.outbox.changes()).last().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(ConsentChange.Kind.PREFERENCES);
            assertThat(change.version()).isEqualTo(2);
            assertThat(change.preferences()).isEqualTo(noSmsNoPromotions);
        });
        assertThat(cpm.decide.decide(new DecisionQuery(SubjectLocator.by(PHONE), MARKETING_SMS.code(), UsageRequest.on(ContactChannel.SMS)))
                .decision().reason()).isEqualTo(Reason.CHANNEL_DISABLED);
    }

    @Test
    void setting_the_same_preferences_again_changes_nothing() {
        update(noSmsNoPromotions);
        int events = cpm.auditTrail.all().size();
        assertThat(update(noSmsNoPromotions)).isEqualTo(2);
        assertThat(cpm.auditTrail.all()).hasSize(events);
    }

    @Test
    void an_unknown_subject_has_no_preferences_to_change() {
        assertThatThrownBy(() -> cpm.preferences.update(new UpdatePreferencesCommand(SubjectId.of("sub_nobody"), noSmsNoPromotions,
                CollectionChannel.API, InMemoryOpenCpm.ADMIN))).isInstanceOf(SubjectNotFoundException.class);
    }
}
