package org.opencpm.domain.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opencpm.domain.Fixtures.DAY_ONE;
import static org.opencpm.domain.Fixtures.marketingSms;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.purpose.PurposeCode;

/** A notice published by URL carries the SHA-256 of the text people read there, never of the address. */
class NoticeByUrlTest {

    private static final NoticeRef REF = NoticeRef.of("privacy-policy", "2026-02");
    private static final String URL = "https://example.com/privacy/2026-02";
    /** sha256("abc"), as printed by {@code printf abc | sha256sum}. */
    private static final ContentHash OF_ABC = new ContentHash("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

    private final Set<PurposeCode> purposes = Set.of(marketingSms().code());

    private Notice publish(Optional<String> content, Optional<String> url, Optional<ContentHash> declared) {
        return Notice.publish(REF, "zh-CN", "隐私政策", content, url, declared, purposes, false, DAY_ONE, 1);
    }

    @Test
    @DisplayName("PIPL Art. 14, 17: a notice by URL alone carries the hash its publisher took of the text people read there")
    void a_notice_by_url_carries_the_declared_hash_of_its_text() {
        Notice notice = publish(Optional.empty(), Optional.of(URL), Optional.of(OF_ABC));

        assertThat(notice.contentHash()).isEqualTo(OF_ABC);
        assertThat(notice.contentHash()).isNotEqualTo(ContentHash.of(URL));
        assertThat(notice.hashBasis()).isEqualTo(Notice.HashBasis.TEXT_AT_URL);
    }

    @Test
    @DisplayName("PIPL Art. 14, 17: a notice by URL with neither its text nor the text's hash is refused, saying why")
    void a_url_without_text_or_hash_is_refused() {
        assertThatThrownBy(() -> publish(Optional.empty(), Optional.of(URL), Optional.empty()))
                .isInstanceOf(NoticeContentHashRequiredException.class)
                .hasMessageContaining("contentHash").hasMessageContaining("text people read").hasMessageContaining("PIPL Art. 14, 17")
                .satisfies(e -> assertThat(((NoticeContentHashRequiredException) e).code()).isEqualTo("notice-content-hash-required"));
        assertThatThrownBy(() -> Notice.publish(REF, "zh-CN", "隐私政策", Optional.empty(), Optional.of(URL), purposes, false, DAY_ONE, 1))
                .as("publishing without a declared hash is the same rule").isInstanceOf(NoticeContentHashRequiredException.class);
    }

    @Test
    @DisplayName("PIPL Art. 14, 17: with the text beside the URL, the hash is computed from the text; a declared hash must match it")
    void content_beside_the_url_is_hashed_and_a_declared_hash_must_match() {
        Notice computed = publish(Optional.of("abc"), Optional.of(URL), Optional.empty());
        Notice matching = publish(Optional.of("abc"), Optional.of(URL), Optional.of(OF_ABC));

        assertThat(computed.contentHash()).isEqualTo(OF_ABC);
        assertThat(matching.contentHash()).isEqualTo(OF_ABC);
        assertThat(computed.hashBasis()).isEqualTo(Notice.HashBasis.CONTENT);
        assertThatThrownBy(() -> publish(Optional.of("abd"), Optional.of(URL), Optional.of(OF_ABC)))
                .isInstanceOf(NoticeContentHashMismatchException.class)
                .hasMessageContaining(OF_ABC.hex()).hasMessageContaining(ContentHash.of("abd").hex());
        assertThatThrownBy(() -> publish(Optional.of("abd"), Optional.empty(), Optional.of(OF_ABC)))
                .as("without a url too").isInstanceOf(NoticeContentHashMismatchException.class);
    }

    @Test
    void a_declared_hash_is_64_lower_case_hex_digits() {
        assertThatThrownBy(() -> new ContentHash(OF_ABC.hex().toUpperCase())).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("contentHash");
        assertThatThrownBy(() -> new ContentHash(OF_ABC.hex().substring(1))).isInstanceOf(InvalidValueException.class);
    }

    @Test
    @DisplayName("A version published by URL before the rule, fingerprinted by its address, still loads and says what its hash is of")
    void a_version_hashed_by_its_address_still_loads() {
        Notice stored = new Notice(REF, "zh-CN", "隐私政策", Optional.empty(), Optional.of(URL), purposes, false,
                ContentHash.of(URL), DAY_ONE, 1);

        assertThat(stored.hashBasis()).isEqualTo(Notice.HashBasis.URL);
        assertThat(stored.sameTextAs(stored)).isTrue();
    }
}
