package org.opencpm.application.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.testfixtures.ConsentEvents.PHONE;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.in.SendPermit;
import org.opencpm.application.port.in.SendPermitCommand;
import org.opencpm.application.port.in.SubjectLocator;
import org.opencpm.application.port.in.UpdatePreferencesCommand;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.preference.ChannelPreference;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.preference.FrequencyCap;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.InMemoryOpenCpm;

class SendPermitServiceTest {

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS);
    private final SubjectId subject;

    SendPermitServiceTest() {
        var notice = cpm.publish("privacy-policy", "2026-01", false, MARKETING_SMS);
        subject = cpm.recordConsent.record(aGrant().by(PHONE).of(MARKETING_SMS).on(notice).build()).receipts().get(0).subjectId();
        cpm.preferences.update(new UpdatePreferencesCommand(subject, new Preferences(Map.of(),
                Map.of(ContactChannel.SMS, ChannelPreference.enabled(FrequencyCap.perMonth(2))), Optional.empty(), Optional.empty()),
                CollectionChannel.PREFERENCE_CENTRE, InMemoryOpenCpm.ADMIN));
    }

    private SendPermit askForSms() {
        return cpm.sendPermits.issue(new SendPermitCommand(SubjectLocator.by(PHONE), MARKETING_SMS.code(), ContactChannel.SMS,
                Optional.of("promotions"), InMemoryOpenCpm.ADMIN));
    }

    @Test
    @DisplayName("Consumer protection: at most 2 marketing SMS a month, as the person chose")
    void the_third_sms_of_the_month_is_refused() {
        assertThat(askForSms().granted()).isTrue();
        assertThat(askForSms().granted()).isTrue();
        SendPermit third = askForSms();
        assertThat(third.granted()).isFalse();
        assertThat(third.reason()).isEqualTo(Reason.FREQUENCY_CAP);

        cpm.clock.set(Instant.parse("2026-12-01T02:00:00Z"));
        assertThat(askForSms().granted()).isTrue();
    }

    @Test
    @DisplayName("MIIT Order 31: no marketing SMS to someone who did not consent")
    void no_permit_without_consent() {
        SendPermit permit = cpm.sendPermits.issue(new SendPermitCommand(SubjectLocator.by(org.opencpm.domain.subject.Identifier.phone("13911112222")),
                MARKETING_SMS.code(), ContactChannel.SMS, Optional.empty(), InMemoryOpenCpm.ADMIN));
        assertThat(permit.granted()).isFalse();
        assertThat(permit.reason()).isEqualTo(Reason.UNKNOWN_SUBJECT);
    }

    @Test
    void no_marketing_sms_at_eleven_at_night() {
        cpm.clock.set(Instant.parse("2026-11-29T15:00:00Z"));
        SendPermit permit = askForSms();
        assertThat(permit.granted()).isFalse();
        assertThat(permit.reason()).isEqualTo(Reason.QUIET_HOURS);
    }

    @Test
    void of_many_racing_requests_for_the_last_units_exactly_the_cap_wins() throws Exception {
        int racers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<SendPermit>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return askForSms();
                }));
            }
            start.countDown();
            int granted = 0;
            for (Future<SendPermit> answer : answers) {
                granted += answer.get().granted() ? 1 : 0;
            }
            assertThat(granted).isEqualTo(2);
            assertThat(cpm.sendBudget.used(subject, ContactChannel.SMS, "M2026-11")).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }
}
