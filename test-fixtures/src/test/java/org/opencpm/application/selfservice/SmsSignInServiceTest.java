package org.opencpm.application.selfservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.in.SmsSignInUseCase;
import org.opencpm.application.port.out.MessageGateway;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.IdentifierType;
import org.opencpm.testfixtures.InMemoryOpenCpm;
import org.opencpm.testfixtures.CapturedLog;

/** The limits of sign-in by SMS code, on the service itself: what a flood can and cannot take away. */
class SmsSignInServiceTest {

    private static final String PHONE = "13912340077";
    private static final String HOME = "198.51.100.7";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS);
    private final List<MessageGateway.Message> sent = new ArrayList<>();
    /** Whether the platform answers as when it is down. */
    private boolean down;
    private final MessageGateway gateway = new MessageGateway() {
        @Override
        public ContactChannel channel() {
            return ContactChannel.SMS;
        }

        @Override
        public IdentifierType recipientType() {
            return IdentifierType.PHONE;
        }

        @Override
        public Receipt send(Message message) {
            if (down) {
                return new Unavailable("platform down", Optional.empty());
            }
            sent.add(message);
            return new Accepted("m-" + sent.size());
        }
    };

    SmsSignInServiceTest() {
        Notice notice = cpm.publish("privacy-policy", "1", false, MARKETING_SMS);
        cpm.recordConsent.record(aGrant().by(Identifier.phone(PHONE)).of(MARKETING_SMS).on(notice).build());
    }

    private SmsSignInService service(SmsLimits limits, int maxTracked) {
        return new SmsSignInService(cpm.selfTokenKey, cpm.selfTokens, cpm.lookupSubject, cpm.vault,
                id -> Optional.of(gateway), Optional.of("sms-test"), Optional.of("SMS_CODE"), Runnable::run, cpm.clock, limits, maxTracked);
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return B64.encodeToString(b);
    }

    @Test
    @DisplayName("Made-up challenges (random id, a live expiry, random tag and MAC) take no room: a flood of them leaves real sign-in working")
    void forged_challenges_are_not_counted() {
        int room = 1_000;
        SmsSignInService service = service(SmsLimits.DEFAULT, room);
        long expiry = cpm.clock.now().plus(SmsSignInUseCase.CODE_LIFETIME).getEpochSecond() - 1;
        for (int i = 0; i < room + 10; i++) {
            String forged = "pcc1." + random(16) + "." + expiry + "." + random(32) + "." + random(32);
            assertThatThrownBy(() -> service.verify(forged, PHONE, "123456")).isInstanceOf(CodeRefusedException.class);
        }
        SmsSignInUseCase.Challenge challenge = service.requestCode(PHONE, HOME);
        String code = sent.getLast().parameters().get("code");
        assertThat(service.verify(challenge.challenge(), PHONE, code).token()).startsWith("pcs1.");
    }

    @Test
    @DisplayName("A real challenge tried for another phone is refused without spending the owner's tries")
    void a_challenge_is_bound_to_its_phone() {
        SmsSignInService service = service(SmsLimits.DEFAULT, 1_000);
        SmsSignInUseCase.Challenge challenge = service.requestCode(PHONE, HOME);
        String code = sent.getLast().parameters().get("code");
        for (int i = 0; i < SmsSignInUseCase.MAX_ATTEMPTS + 3; i++) {
            assertThatThrownBy(() -> service.verify(challenge.challenge(), "13912340078", "000000")).isInstanceOf(CodeRefusedException.class);
        }
        assertThat(service.verify(challenge.challenge(), PHONE, code).token()).startsWith("pcs1.");
    }

    @Test
    @DisplayName("The counts of expired challenges go on the next try, so live ones fit again after a flood of real ones")
    void spent_challenges_free_their_room() {
        SmsSignInService service = service(new SmsLimits(100, 100, 100, Duration.ofMinutes(15)), 2);
        String first = service.requestCode(PHONE, HOME).challenge();
        String second = service.requestCode(PHONE, HOME).challenge();
        assertThatThrownBy(() -> service.verify(first, PHONE, "000000")).isInstanceOf(CodeRefusedException.class);
        assertThatThrownBy(() -> service.verify(second, PHONE, "000000")).isInstanceOf(CodeRefusedException.class);
        String third = service.requestCode(PHONE, HOME).challenge();
        // two live challenges counted: a third is refused rather than anyone's count forgotten
        assertThatThrownBy(() -> service.verify(third, PHONE, "000000")).isInstanceOf(TooManyCodesException.class);
        cpm.clock.advance(SmsSignInUseCase.CODE_LIFETIME);
        String fourth = service.requestCode(PHONE, HOME).challenge();
        String code = sent.getLast().parameters().get("code");
        assertThat(service.verify(fourth, PHONE, code).token()).startsWith("pcs1.");
    }

    @Test
    @DisplayName("One address may ask for so many codes whatever the phones (SMS pumping); others still may; the window frees it")
    void codes_per_address_are_limited() {
        SmsSignInService service = service(new SmsLimits(3, 5, 1_000, Duration.ofMinutes(15)), 1_000);
        for (int i = 0; i < 5; i++) {
            service.requestCode("139123401" + String.format("%02d", i), HOME);
        }
        assertThatThrownBy(() -> service.requestCode("13912340199", HOME)).isInstanceOf(TooManyCodesException.class);
        assertThat(service.requestCode("13912340199", "203.0.113.9").expiresAt()).isNotNull();
        cpm.clock.advance(Duration.ofMinutes(15));
        assertThat(service.requestCode("13912340198", HOME).expiresAt()).isNotNull();
    }

    @Test
    @DisplayName("The node hands out so many codes in a window in all, from however many addresses")
    void codes_overall_are_limited() {
        SmsSignInService service = service(new SmsLimits(3, 5, 20, Duration.ofMinutes(15)), 1_000);
        for (int i = 0; i < 20; i++) {
            service.requestCode("139123402" + String.format("%02d", i), "203.0.113." + i);
        }
        assertThatThrownBy(() -> service.requestCode("13912340299", "203.0.113.99")).isInstanceOf(TooManyCodesException.class);
    }

    @Test
    @DisplayName("Asking for codes for ever more phones never grows the counts past one window's worth: they are freed on request, not only on verify")
    void request_counts_are_bounded() {
        CodeRequests requests = new CodeRequests(new SmsLimits(3, 1_000_000, 500, Duration.ofMinutes(15)));
        for (int i = 0; i < 5_000; i++) {
            try {
                requests.count("phone-" + i, "address-" + (i % 7), cpm.clock.now());
            } catch (TooManyCodesException full) {
                cpm.clock.advance(Duration.ofMinutes(15));
            }
            assertThat(requests.tracked()).isLessThanOrEqualTo(500 + 7);
        }
        cpm.clock.advance(Duration.ofMinutes(15));
        requests.count("last", "address-0", cpm.clock.now());
        assertThat(requests.tracked()).isEqualTo(2);
    }

    @Test
    @DisplayName("While codes cannot be sent the node warns once, not per code asked for; once one is sent it says so once")
    void a_failing_connector_is_logged_once_per_change() {
        SmsSignInService service = service(new SmsLimits(100, 100, 1_000, Duration.ofMinutes(15)), 1_000);
        try (CapturedLog log = CapturedLog.of(SmsSignInService.class, Level.INFO)) { // the failures after the first go at FINE
            List<LogRecord> logged = log.records();
            down = true;
            for (int i = 0; i < 5; i++) {
                service.requestCode(PHONE, "203.0.113." + i);
            }
            assertThat(logged).extracting(LogRecord::getLevel).containsExactly(Level.WARNING);
            down = false;
            service.requestCode(PHONE, "203.0.113.10");
            service.requestCode(PHONE, "203.0.113.11");
            assertThat(logged).extracting(LogRecord::getLevel).containsExactly(Level.WARNING, Level.INFO);
            down = true;
            service.requestCode(PHONE, "203.0.113.12");
            assertThat(logged).extracting(LogRecord::getLevel).containsExactly(Level.WARNING, Level.INFO, Level.WARNING);
            assertThat(logged.getLast().getMessage()).contains("sms-test").contains("Unavailable");
        }
    }

    @Test
    @DisplayName("Two tries with the right code at once: only one opens the challenge (one session), even when both were counted first")
    void a_challenge_opens_once() {
        ChallengeAttempts attempts = new ChallengeAttempts(10);
        long now = cpm.clock.now().getEpochSecond();
        assertThat(attempts.tryOnce("c", now + 300, now)).isEqualTo(1);
        assertThat(attempts.tryOnce("c", now + 300, now)).isEqualTo(2);
        assertThat(attempts.open("c", SmsSignInUseCase.MAX_ATTEMPTS)).isTrue();
        assertThat(attempts.open("c", SmsSignInUseCase.MAX_ATTEMPTS)).isFalse();
        assertThat(attempts.tryOnce("c", now + 300, now)).isGreaterThan(SmsSignInUseCase.MAX_ATTEMPTS);
        // the fifth try may be the right one: it still opens
        assertThat(attempts.tryOnce("d", now + 300, now)).isEqualTo(1);
        for (int i = 2; i <= SmsSignInUseCase.MAX_ATTEMPTS; i++) {
            attempts.tryOnce("d", now + 300, now);
        }
        assertThat(attempts.open("d", SmsSignInUseCase.MAX_ATTEMPTS)).isTrue();
    }
}
