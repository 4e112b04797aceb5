package org.opencpm.application.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencpm.testfixtures.ConsentEvents.PHONE;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;

import java.time.Instant;
import java.time.LocalTime;
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
import org.opencpm.domain.ChinaTime;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.decision.Reason;
import org.opencpm.domain.decision.SendRules;
import org.opencpm.domain.preference.ChannelPreference;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.preference.FrequencyCap;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.preference.QuietHours;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.InMemoryOpenCpm;

class SendPermitServiceTest {

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS);
    private final SubjectId subject;

    SendPermitServiceTest() {
        subject = consentingToSmsMarketing(cpm, Optional.of(FrequencyCap.perMonth(2)));
    }

    /** Registers the person of {@code PHONE} with a grant for marketing SMS and, if given, their own SMS cap. */
    private static SubjectId consentingToSmsMarketing(InMemoryOpenCpm cpm, Optional<FrequencyCap> ownCap) {
        var notice = cpm.publish("privacy-policy", "2026-01", false, MARKETING_SMS);
        SubjectId id = cpm.recordConsent.record(aGrant().by(PHONE).of(MARKETING_SMS).on(notice).build()).receipts().get(0).subjectId();
        ownCap.ifPresent(cap -> cpm.preferences.update(new UpdatePreferencesCommand(id, new Preferences(Map.of(),
                Map.of(ContactChannel.SMS, ChannelPreference.enabled(cap)), Optional.empty(), Optional.empty()),
                CollectionChannel.PREFERENCE_CENTRE, InMemoryOpenCpm.ADMIN)));
        return id;
    }

    private SendPermit askForSms() {
        return askForSms(cpm);
    }

    private static SendPermit askForSms(InMemoryOpenCpm cpm) {
        return cpm.sendPermits.issue(new SendPermitCommand(SubjectLocator.by(PHONE), MARKETING_SMS.code(), ContactChannel.SMS,
                Optional.of("promotions"), InMemoryOpenCpm.ADMIN));
    }

    private static long granted(InMemoryOpenCpm cpm, int asks) {
        long granted = 0;
        for (int i = 0; i < asks; i++) {
            granted += askForSms(cpm).granted() ? 1 : 0;
        }
        return granted;
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

    @Test
    @DisplayName("Consumer protection: the operator's default of 3 marketing SMS a month holds for a person who chose none")
    void the_operators_default_cap_holds_for_a_person_without_a_cap_of_their_own() {
        InMemoryOpenCpm capped = new InMemoryOpenCpm(SendRules.DEFAULT.withMarketingCap(ContactChannel.SMS, FrequencyCap.perMonth(3)))
                .withPurposes(MARKETING_SMS);
        SubjectId person = consentingToSmsMarketing(capped, Optional.empty());

        assertThat(granted(capped, 5)).isEqualTo(3);
        assertThat(askForSms(capped).reason()).isEqualTo(Reason.FREQUENCY_CAP);
        assertThat(capped.sendBudget.used(person, ContactChannel.SMS, "M2026-11")).isEqualTo(3);
    }

    @Test
    void a_person_who_chose_fewer_than_the_operators_default_gets_fewer_and_one_who_chose_more_gets_the_default() {
        SendRules threeAMonth = SendRules.DEFAULT.withMarketingCap(ContactChannel.SMS, FrequencyCap.perMonth(3));
        InMemoryOpenCpm fewer = new InMemoryOpenCpm(threeAMonth).withPurposes(MARKETING_SMS);
        consentingToSmsMarketing(fewer, Optional.of(FrequencyCap.perMonth(1)));
        InMemoryOpenCpm more = new InMemoryOpenCpm(threeAMonth).withPurposes(MARKETING_SMS);
        consentingToSmsMarketing(more, Optional.of(FrequencyCap.perMonth(10)));

        assertThat(granted(fewer, 5)).isEqualTo(1);
        assertThat(granted(more, 5)).isEqualTo(3);
    }

    @Test
    void a_configured_curfew_replaces_the_default_one() {
        // 20:00–09:00 Beijing time instead of 22:00–08:00
        InMemoryOpenCpm early = new InMemoryOpenCpm(SendRules.DEFAULT.withMarketingCurfew(Optional.of(
                new QuietHours(LocalTime.of(20, 0), LocalTime.of(9, 0), ChinaTime.ZONE)))).withPurposes(MARKETING_SMS);
        consentingToSmsMarketing(early, Optional.empty());

        early.clock.set(Instant.parse("2026-11-29T11:59:59.999Z")); // 19:59:59.999 in Beijing
        assertThat(askForSms(early).granted()).isTrue();
        early.clock.set(Instant.parse("2026-11-29T12:00:00Z")); // 20:00
        assertThat(askForSms(early).reason()).isEqualTo(Reason.QUIET_HOURS);
        early.clock.set(Instant.parse("2026-11-30T00:59:59.999Z")); // 08:59:59.999: the default curfew would be over
        assertThat(askForSms(early).reason()).isEqualTo(Reason.QUIET_HOURS);
        early.clock.set(Instant.parse("2026-11-30T01:00:00Z")); // 09:00
        assertThat(askForSms(early).granted()).isTrue();
    }

    @Test
    void with_the_curfew_turned_off_marketing_may_go_out_at_eleven_at_night() {
        InMemoryOpenCpm off = new InMemoryOpenCpm(SendRules.DEFAULT.withMarketingCurfew(Optional.empty())).withPurposes(MARKETING_SMS);
        consentingToSmsMarketing(off, Optional.empty());
        off.clock.set(Instant.parse("2026-11-29T15:00:00Z"));

        assertThat(askForSms(off).granted()).isTrue();
    }
}
