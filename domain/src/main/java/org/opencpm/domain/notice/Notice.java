package org.opencpm.domain.notice;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.opencpm.domain.Checks;
import org.opencpm.domain.InvalidValueException;
import org.opencpm.domain.purpose.PurposeCode;

/**
 * One published version of a notice (隐私政策, 个人信息处理告知书).
 *
 * <p>Lifecycle: a version is published once and never changes; publishing the same code and
 * version again with the same text is a no-op, with other text it is refused
 * ({@link NoticeVersionImmutableException}). Versions of one code are ordered by
 * {@link #revision()}, the order they were published in (not by how their names sort).
 *
 * <p>Invariants: it has either its full text ({@code content}) or a {@code url} where the text is
 * published; {@link #contentHash()} is the SHA-256 of the content, or of the URL when only a URL
 * was given; it covers at least one purpose.
 *
 * @param material a change of purpose, method or data (PIPL Art. 14 ¶2): consents given on
 *                 earlier versions of this notice become outdated for the purposes it covers
 * @param revision 1 for the first version of this code, then 2, 3…
 */
public record Notice(
        NoticeRef ref,
        String language,
        String title,
        Optional<String> content,
        Optional<String> url,
        Set<PurposeCode> purposes,
        boolean material,
        ContentHash contentHash,
        Instant publishedAt,
        int revision) {

    /** Longest accepted notice text: a long privacy policy is ~60k characters. */
    public static final int MAX_CONTENT_LENGTH = 512 * 1024;

    public Notice {
        Checks.required(ref, "notice");
        Checks.singleLine(Checks.requiredText(language, "language"), "language");
        Checks.maxLength(language, 35, "language");
        Checks.singleLine(Checks.requiredText(title, "title"), "title");
        Checks.maxLength(title, 500, "title");
        Checks.required(content, "content");
        Checks.required(url, "url");
        if (content.isEmpty() && url.isEmpty()) {
            throw new InvalidValueException("content", "a notice needs its content or the url where it is published");
        }
        content.ifPresent(text -> {
            Checks.text(Checks.requiredText(text, "content"), "content");
            Checks.maxLength(text, MAX_CONTENT_LENGTH, "content");
        });
        url.ifPresent(address -> {
            Checks.singleLine(Checks.requiredText(address, "url"), "url");
            Checks.maxLength(address, 2000, "url");
            if (!address.startsWith("https://") && !address.startsWith("http://")) {
                throw new InvalidValueException("url", "must be an http or https address");
            }
        });
        Checks.notEmpty(Checks.required(purposes, "purposes"), "purposes");
        purposes = Set.copyOf(purposes);
        Checks.required(contentHash, "contentHash");
        Checks.required(publishedAt, "publishedAt");
        if (revision < 1) {
            throw new InvalidValueException("revision", "starts at 1");
        }
    }

    /**
     * Publishes a new version: fingerprints its text and stamps it with {@code revision}, its
     * place among the versions of the same code.
     */
    public static Notice publish(NoticeRef ref, String language, String title, Optional<String> content,
                                 Optional<String> url, Set<PurposeCode> purposes, boolean material,
                                 Instant publishedAt, int revision) {
        Checks.required(content, "content");
        Checks.required(url, "url");
        String fingerprinted = content.or(() -> url).orElseThrow(
                () -> new InvalidValueException("content", "a notice needs its content or the url where it is published"));
        return new Notice(ref, language, title, content, url, purposes, material,
                ContentHash.of(fingerprinted), publishedAt, revision);
    }

    public boolean covers(PurposeCode purpose) {
        return purposes.contains(purpose);
    }

    /**
     * Whether {@code other} says the same thing: same text, title, language, purposes and
     * materiality. Publishing such a version again changes nothing.
     */
    public boolean sameTextAs(Notice other) {
        return ref.equals(other.ref)
                && contentHash.equals(other.contentHash)
                && language.equals(other.language)
                && title.equals(other.title)
                && material == other.material
                && purposes.equals(other.purposes)
                && Objects.equals(url, other.url);
    }

    /** The purposes in code order, for display. */
    public Set<PurposeCode> sortedPurposes() {
        return new TreeSet<>(purposes);
    }
}
