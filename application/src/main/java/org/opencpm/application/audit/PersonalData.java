package org.opencpm.application.audit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.opencpm.application.SubjectErasedException;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.application.port.out.Erasure;
import org.opencpm.application.port.out.ErasureStore;
import org.opencpm.application.port.out.PersonalCipher;
import org.opencpm.application.port.out.SubjectKeyStore;
import org.opencpm.application.port.out.WrappedKey;
import org.opencpm.domain.audit.AuditDraft;
import org.opencpm.domain.audit.AuditEvent;
import org.opencpm.domain.subject.SubjectId;

/**
 * Seals an audit draft's personal data under its subject's own key, and opens it again while the
 * key exists (crypto-shredding, PIPL Art. 47; ADR 0010).
 *
 * <p>The sealed detail is {@value #FORMAT} followed by the base64 of the cipher's output, whose
 * plain text is the personal map: a count, then each key and value as length-prefixed UTF-8, in
 * key order. The ciphertext is bound to the subject and to the event id ({@code audit:<eventId>}),
 * so it cannot be moved to another event. A subject's key is made with their first sealed event,
 * inside the transaction that appends it.
 */
public final class PersonalData {

    /** The prefix of a sealed detail: the format and the cipher (AES-256-GCM, version 1). */
    public static final String FORMAT = "a1:";
    private static final int MAX_ENTRIES = 10_000;

    private final SubjectKeyStore keys;
    private final PersonalCipher cipher;
    private final Optional<ErasureStore> erasures;

    /** Opens personal data; seals it too, but without the guard {@link #PersonalData(SubjectKeyStore, PersonalCipher, ErasureStore)} has. */
    public PersonalData(SubjectKeyStore keys, PersonalCipher cipher) {
        this.keys = keys;
        this.cipher = cipher;
        this.erasures = Optional.empty();
    }

    /** @param erasures so that no key is ever made again for an erased subject */
    public PersonalData(SubjectKeyStore keys, PersonalCipher cipher, ErasureStore erasures) {
        this.keys = keys;
        this.cipher = cipher;
        this.erasures = Optional.of(erasures);
    }

    /**
     * {@code draft} with its personal data sealed under its subject's key (made now if the subject
     * has none); the draft itself when it carries none. Call inside the transaction that appends it.
     *
     * @throws SubjectErasedException when the subject was erased: a key made for them now would make
     *     readable again what is sealed under it (PIPL Art. 47), so their data is refused instead
     * @throws ConcurrencyConflictException when another transaction made the subject's key meanwhile (retry)
     */
    public AuditDraft seal(AuditDraft draft) {
        if (draft.personal().isEmpty()) {
            return draft;
        }
        SubjectId subject = new SubjectId(draft.subjectId());
        byte[] sealed = seal(subject, context(draft.eventId()), encode(draft.personal()));
        return draft.sealedAs(FORMAT + Base64.getEncoder().encodeToString(sealed));
    }

    /**
     * {@code plain} sealed under {@code subject}'s key (made now if they have none), bound to the
     * subject and to {@code context} (what it is, e.g. {@code attachment:sha256:<hex>}): the same
     * key as their audit events', so that their erasure makes it unreadable too. Call inside the
     * transaction that stores it.
     *
     * @throws SubjectErasedException       when the subject was erased (as {@link #seal(AuditDraft)})
     * @throws ConcurrencyConflictException when another transaction made the subject's key meanwhile (retry)
     */
    public byte[] seal(SubjectId subject, String context, byte[] plain) {
        WrappedKey key = keys.find(subject).orElseGet(() -> {
            if (erasures.flatMap(store -> store.find(subject)).filter(Erasure::finished).isPresent()) {
                throw new SubjectErasedException(subject);
            }
            WrappedKey fresh = cipher.newKey(subject);
            keys.insert(subject, fresh);
            return fresh;
        });
        return cipher.seal(key, subject, context, plain);
    }

    /**
     * What {@link #seal(SubjectId, String, byte[])} sealed, opened with the subject's key; empty once
     * the key was destroyed (the subject erased).
     *
     * @throws IllegalStateException when it does not open under the subject's key and context (tampering)
     */
    public Optional<byte[]> open(SubjectId subject, String context, byte[] sealed) {
        Optional<WrappedKey> key = keys.find(subject);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(cipher.open(key.get(), subject, context, sealed));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("sealed data of subject " + subject + " does not open under their key as " + context, e);
        }
    }

    /** What an event's personal data became: readable, none, or erased with its subject's key. */
    public sealed interface Opened {
        Map<String, String> data();
    }

    /** The event's personal data, in clear. */
    public record Readable(Map<String, String> data) implements Opened {
    }

    /** The event carries no personal data. */
    public record None() implements Opened {
        @Override
        public Map<String, String> data() {
            return Map.of();
        }
    }

    /** The subject's key was destroyed: the personal data is gone for good. */
    public record Erased() implements Opened {
        @Override
        public Map<String, String> data() {
            return Map.of();
        }
    }

    /**
     * Opens the personal data of {@code event} with its subject's key.
     *
     * @throws IllegalStateException when the sealed detail does not open under the subject's key (tampering)
     */
    public Opened open(AuditEvent event) {
        String sealed = event.detail(AuditDraft.SEALED);
        if (sealed == null || event.subjectId() == null) {
            return new None();
        }
        SubjectId subject = new SubjectId(event.subjectId());
        Optional<WrappedKey> key = keys.find(subject);
        if (key.isEmpty()) {
            return new Erased();
        }
        if (!sealed.startsWith(FORMAT)) {
            throw new IllegalStateException("event " + event.seq() + " has a sealed detail in an unknown format");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(FORMAT.length()));
            return new Readable(decode(cipher.open(key.get(), subject, context(event.eventId()), bytes)));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("event " + event.seq() + "'s sealed detail does not open under its subject's key", e);
        }
    }

    private static String context(String eventId) {
        return "audit:" + eventId;
    }

    static byte[] encode(Map<String, String> data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(data.size());
            for (Map.Entry<String, String> entry : new TreeMap<>(data).entrySet()) {
                write(out, entry.getKey());
                write(out, entry.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen in memory", e);
        }
        return bytes.toByteArray();
    }

    static SortedMap<String, String> decode(byte[] plain) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
            int count = in.readInt();
            if (count < 0 || count > MAX_ENTRIES) {
                throw new IllegalArgumentException("sealed personal data holds " + count + " entries");
            }
            SortedMap<String, String> data = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                data.put(read(in, plain.length), read(in, plain.length));
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("sealed personal data has bytes after its last entry");
            }
            return Collections.unmodifiableSortedMap(data);
        } catch (IOException e) {
            throw new IllegalArgumentException("sealed personal data is cut short", e);
        }
    }

    private static void write(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String read(DataInputStream in, int limit) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > limit) {
            throw new IllegalArgumentException("sealed personal data has an entry of " + length + " bytes");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
