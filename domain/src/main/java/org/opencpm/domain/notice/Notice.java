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
 * published; it covers at least one purpose. {@link #contentHash()} is the SHA-256 of the text
 * people read: computed from {@code content} when it is given, else the hash the publisher
 * declares for the text at {@code url} ({@link #publish}: PIPL Art. 14, 17 — the hash of the
 * text, not of its address, is the evidence of what people were told). Versions published by URL
 * before that rule carry the hash of the URL string; they still load, and {@link #hashBasis()}
 * says so.
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

    /** What a notice's {@link #contentHash()} is the SHA-256 of. */
    public enum HashBasis {
        /** Its {@code content}, held here: anyone can recompute the hash from it. */
        CONTENT,
        /** The text at its {@code url}, as its publisher declared when publishing it by URL. */
        TEXT_AT_URL,
        /**
         * The URL string itself: a version published by URL before the publisher had to declare
         * the text's hash. It proves which address was named, not which words were there.
         */
        URL
    }

    /**
     * Publishes a new version without a declared hash: fingerprints its {@code content}. A version
     * published by {@code url} alone needs {@link #publish(NoticeRef, String, String, Optional,
     * Optional, Optional, Set, boolean, Instant, int) the hash of its text}.
     */
    public static Notice publish(NoticeRef ref, String language, String title, Optional<String> content,
                                 Optional<String> url, Set<PurposeCode> purposes, boolean material,
                                 Instant publishedAt, int revision) {
        return publish(ref, language, title, content, url, Optional.empty(), purposes, material, publishedAt, revision);
    }

    /**
     * Publishes a new version, stamped with {@code revision}, its place among the versions of the
     * same code, and fingerprinted with the SHA-256 of the text people read (PIPL Art. 14, 17):
     * computed from {@code content} when it is given ({@code declaredHash}, if given too, must be
     * the same), else {@code declaredHash}, the hash the publisher took of the text at {@code url}.
     *
     * @throws NoticeContentHashRequiredException for a {@code url} with neither content nor a declared hash
     * @throws NoticeContentHashMismatchException when {@code declaredHash} is not the hash of {@code content}
     */
    public static Notice publish(NoticeRef ref, String language, String title, Optional<String> content,
                                 Optional<String> url, Optional<ContentHash> declaredHash, Set<PurposeCode> purposes,
                                 boolean material, Instant publishedAt, int revision) {
        Checks.required(ref, "notice");
        Checks.required(content, "content");
        Checks.required(url, "url");
        Checks.required(declaredHash, "contentHash");
        ContentHash hash;
        if (content.isPresent()) {
            hash = ContentHash.of(content.get());
            if (declaredHash.isPresent() && !declaredHash.get().equals(hash)) {
                throw new NoticeContentHashMismatchException(ref, declaredHash.get(), hash);
            }
        } else if (url.isPresent()) {
            hash = declaredHash.orElseThrow(() -> new NoticeContentHashRequiredException(ref));
        } else {
            throw new InvalidValueException("content", "a notice needs its content or the url where it is published");
        }
        return new Notice(ref, language, title, content, url, purposes, material, hash, publishedAt, revision);
    }

    /** What {@link #contentHash()} fingerprints: the content, the text at the URL, or (older versions) the URL itself. */
    public HashBasis hashBasis() {
        if (content.isPresent()) {
            return HashBasis.CONTENT;
        }
        return contentHash.equals(ContentHash.of(url.orElseThrow())) ? HashBasis.URL : HashBasis.TEXT_AT_URL;
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
