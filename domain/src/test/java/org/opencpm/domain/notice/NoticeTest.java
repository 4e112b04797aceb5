package org.opencpm.domain.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.domain.Fixtures.DAY_ONE;
import static org.opencpm.domain.Fixtures.historyOf;
import static org.opencpm.domain.Fixtures.marketingSms;
import static org.opencpm.domain.Fixtures.notice;
import static org.opencpm.domain.Fixtures.sensitiveHealth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.purpose.Purpose;

class NoticeTest {

    private static final Duration SKEW = Duration.ofMinutes(5);

    private final Purpose sms = marketingSms();
    private final Purpose health = sensitiveHealth();

    @Test
    @DisplayName("PIPL Art. 14, 17: the notice text is kept with its SHA-256, so the exact wording can be proven")
    void notice_is_fingerprinted_with_the_sha256_of_its_text() {
        Notice notice = Notice.publish(NoticeRef.of("privacy-policy", "2026-01"), "zh-CN", "隐私政策",
                Optional.of("abc"), Optional.empty(), Set.of(sms.code()), false, DAY_ONE, 1);
        // sha256("abc"), as printed by `printf abc | sha256sum`
        assertThat(notice.contentHash().hex()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void a_notice_needs_its_text_or_where_it_is_published() {
        assertThatThrownBy(() -> Notice.publish(NoticeRef.of("p", "1"), "zh-CN", "t", Optional.empty(), Optional.empty(),
                Set.of(sms.code()), false, DAY_ONE, 1)).isInstanceOf(InvalidValueException.class).hasMessageContaining("content");
    }

    @Test
    void republishing_the_same_text_is_recognised_and_other_text_is_not() {
        Notice first = notice("privacy-policy", "2026-01", 1, DAY_ONE, false, sms);
        Notice same = notice("privacy-policy", "2026-01", 1, DAY_ONE.plusSeconds(5), false, sms);
        Notice changed = Notice.publish(first.ref(), "zh-CN", first.title(), Optional.of("other words"), Optional.empty(),
                first.purposes(), false, DAY_ONE, 1);
        assertThat(first.sameTextAs(same)).isTrue();
        assertThat(first.sameTextAs(changed)).isFalse();
    }

    @Test
    @DisplayName("PIPL Art. 14, 17: a grant must reference a notice that covers the purpose")
    void a_notice_must_cover_the_purpose_consented_to() {
        Notice onlySms = notice("privacy-policy", "2026-01", 1, DAY_ONE, false, sms);
        assertThatThrownBy(() -> NoticeCoveragePolicy.check(onlySms, historyOf(onlySms), health.code(), DAY_ONE, SKEW))
                .isInstanceOf(NoticeCoveragePolicy.NoticeDoesNotCoverPurposeException.class)
                .hasMessageContaining("does not cover purpose health-advice");
        NoticeCoveragePolicy.check(onlySms, historyOf(onlySms), sms.code(), DAY_ONE, SKEW);
    }

    @Test
    @DisplayName("PIPL Art. 14 ¶2: consent shown an outdated notice, after a material change was published, is refused")
    void a_grant_on_a_materially_superseded_notice_is_refused() {
        Notice v1 = notice("privacy-policy", "v1", 1, DAY_ONE, false, sms);
        Notice v2 = notice("privacy-policy", "v2", 2, DAY_ONE.plus(Duration.ofDays(10)), true, sms);
        NoticeHistory history = historyOf(v1, v2);

        assertThatThrownBy(() -> NoticeCoveragePolicy.check(v1, history, sms.code(), DAY_ONE.plus(Duration.ofDays(11)), SKEW))
                .isInstanceOf(NoticeCoveragePolicy.NoticeSupersededException.class)
                .hasMessageContaining("privacy-policy@v2");
        // a consent that happened before v2 was published (a late import from a store tablet) stands
        NoticeCoveragePolicy.check(v1, history, sms.code(), DAY_ONE.plus(Duration.ofDays(9)), SKEW);
    }

    @Test
    @DisplayName("PIPL Art. 14, 17: a grant dated before its notice was published cannot have been informed by it")
    void a_grant_dated_before_the_notice_was_published_is_refused() {
        Notice v1 = notice("privacy-policy", "v1", 1, DAY_ONE, false, sms);
        assertThatThrownBy(() -> NoticeCoveragePolicy.check(v1, historyOf(v1), sms.code(), DAY_ONE.minus(Duration.ofDays(1)), SKEW))
                .isInstanceOf(NoticeCoveragePolicy.NoticeNotYetPublishedException.class)
                .hasMessageContaining("before notice privacy-policy@v1 was published");
        // a device whose clock runs a little behind the server's is within the skew
        NoticeCoveragePolicy.check(v1, historyOf(v1), sms.code(), DAY_ONE.minus(Duration.ofMinutes(4)), SKEW);
    }

    @Test
    void an_imported_version_says_when_it_was_published_in_order_and_never_in_the_future() {
        Notice v1 = notice("privacy-policy", "v1", 1, DAY_ONE, false, sms);
        NoticeHistory history = historyOf(v1);
        Instant now = DAY_ONE.plus(Duration.ofDays(30));
        Instant earliest = Instant.parse("2000-01-01T00:00:00Z");

        assertThat(history.nextPublication(Optional.empty(), now, earliest)).isEqualTo(now);
        assertThat(history.nextPublication(Optional.of(DAY_ONE.plus(Duration.ofDays(2))), now, earliest)).isEqualTo(DAY_ONE.plus(Duration.ofDays(2)));
        assertThatThrownBy(() -> history.nextPublication(Optional.of(DAY_ONE.minusSeconds(1)), now, earliest))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("versions are published in order");
        assertThatThrownBy(() -> history.nextPublication(Optional.of(now.plusSeconds(1)), now, earliest))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("later than now");
        assertThatThrownBy(() -> NoticeHistory.empty("p").nextPublication(Optional.of(earliest.minusSeconds(1)), now, earliest))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("before 2000");
    }

    @Test
    void a_non_material_version_does_not_supersede() {
        Notice v1 = notice("privacy-policy", "v1", 1, DAY_ONE, false, sms);
        Notice typoFix = notice("privacy-policy", "v1.1", 2, DAY_ONE.plusSeconds(60), false, sms);
        NoticeCoveragePolicy.check(v1, historyOf(v1, typoFix), sms.code(), DAY_ONE.plusSeconds(120), SKEW);
    }

    @Test
    @DisplayName("PIPL Art. 14 ¶2: a material version outdates consents on older versions for the purposes it covers")
    void material_changes_outdate_older_revisions_only_for_the_purposes_they_cover() {
        Notice v1 = notice("privacy-policy", "v1", 1, DAY_ONE, false, sms, health);
        Notice v2 = notice("privacy-policy", "v2", 2, DAY_ONE.plusSeconds(60), true, health);
        MaterialChanges changes = MaterialChanges.of(List.of(v1, v2));

        assertThat(changes.outdates("privacy-policy", 1, health.code())).isTrue();
        assertThat(changes.outdates("privacy-policy", 1, sms.code())).isFalse();
        assertThat(changes.outdates("privacy-policy", 2, health.code())).isFalse();
        assertThat(changes.outdates("other-notice", 1, health.code())).isFalse();
        assertThat(MaterialChanges.none().with(v2).outdates("privacy-policy", 1, health.code())).isTrue();
    }

    @Test
    void history_orders_versions_by_publication_and_numbers_the_next() {
        Notice v1 = notice("privacy-policy", "zeta", 1, DAY_ONE, false, sms);
        Notice v2 = notice("privacy-policy", "alpha", 2, DAY_ONE.plusSeconds(1), false, sms);
        NoticeHistory history = new NoticeHistory("privacy-policy", List.of(v2, v1));
        assertThat(history.versions()).containsExactly(v1, v2);
        assertThat(history.nextRevision()).isEqualTo(3);
        assertThat(history.find("alpha")).contains(v2);
    }
}
