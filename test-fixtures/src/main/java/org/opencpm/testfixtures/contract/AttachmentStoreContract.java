package org.opencpm.testfixtures.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.out.AttachmentStore;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.application.port.out.KeptAttachment;
import org.opencpm.application.port.out.SealedAttachment;
import org.opencpm.application.port.out.SubjectShredder;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.domain.consent.Attachment;
import org.opencpm.domain.consent.AttachmentHash;
import org.opencpm.domain.consent.AttachmentMediaType;
import org.opencpm.domain.subject.Subject;
import org.opencpm.domain.subject.SubjectId;

/**
 * What the store of evidence files must do (ADR 0013): a file reads back byte for byte, is kept
 * once per person and hash (a second keep changes nothing; two at once, one wins), is found only
 * for its own person, is listed oldest first without its bytes, is undone by a rollback, and is
 * deleted with its person by the shredder — and only theirs. Run on the in-memory store
 * ({@code InMemoryAttachmentStoreTest}) and on H2, PostgreSQL and MariaDB ({@code JpaAttachmentStoreContract}).
 */
public abstract class AttachmentStoreContract {

    private static final Instant T0 = Instant.parse("2026-11-29T02:00:00Z");
    private static final SecureRandom RANDOM = new SecureRandom();

    protected abstract AttachmentStore attachments();

    /** Where persons are registered: the shredder deletes a person's files with the rest of them. */
    protected abstract SubjectStore subjects();

    protected abstract SubjectShredder shredder();

    /** Runs {@code work} in a transaction of the stores'. */
    protected abstract <T> T inTransaction(Supplier<T> work);

    private SubjectId person() {
        SubjectId person = SubjectId.newId();
        inTransaction(() -> {
            subjects().save(Subject.register(person, T0), Optional.empty());
            return null;
        });
        return person;
    }

    /** A file of {@code size} random bytes (after the PNG signature), and what a cipher made of it: random bytes too. */
    private static SealedAttachment sealedFile(int size, Instant at) {
        byte[] plain = new byte[size];
        RANDOM.nextBytes(plain);
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, plain, 0, 8);
        byte[] sealed = new byte[size + 28];
        RANDOM.nextBytes(sealed);
        return new SealedAttachment(new KeptAttachment(AttachmentHash.of(plain), AttachmentMediaType.PNG, size, at), sealed);
    }

    private boolean keep(SubjectId person, SealedAttachment file) {
        return inTransaction(() -> attachments().keep(person, file));
    }

    @Test
    void a_file_reads_back_byte_for_byte_and_is_listed_without_its_bytes() {
        SubjectId person = person();
        SealedAttachment file = sealedFile(2_000, T0);

        assertThat(keep(person, file)).isTrue();

        assertThat(attachments().find(person, file.kept().hash())).contains(file);
        assertThat(attachments().keptFor(person)).containsExactly(file.kept());
    }

    @Test
    void the_largest_file_reads_back_byte_for_byte() {
        SubjectId person = person();
        SealedAttachment file = sealedFile(Attachment.MAX_BYTES, T0);

        keep(person, file);

        assertThat(attachments().find(person, file.kept().hash())).contains(file);
    }

    @Test
    void the_same_file_is_kept_once_per_person_and_a_second_keep_changes_nothing() {
        SubjectId person = person();
        SealedAttachment first = sealedFile(500, T0);
        SealedAttachment again = new SealedAttachment(new KeptAttachment(first.kept().hash(), AttachmentMediaType.PNG, 500,
                T0.plusSeconds(60)), new byte[] {1, 2, 3});

        assertThat(keep(person, first)).isTrue();
        assertThat(keep(person, again)).isFalse();

        assertThat(attachments().find(person, first.kept().hash())).contains(first);
        assertThat(attachments().keptFor(person)).containsExactly(first.kept());
    }

    @Test
    void a_file_is_found_only_for_its_own_person() {
        SubjectId ana = person();
        SubjectId bo = person();
        SealedAttachment file = sealedFile(300, T0);
        keep(ana, file);

        assertThat(attachments().find(bo, file.kept().hash())).isEmpty();
        assertThat(attachments().keptFor(bo)).isEmpty();
        assertThat(keep(bo, sealedFile(300, T0))).isTrue();
        SealedAttachment sameBytesForBo = new SealedAttachment(file.kept(), new byte[] {9});
        assertThat(keep(bo, sameBytesForBo)).as("the same file is kept for each person it is evidence of").isTrue();
        assertThat(attachments().find(ana, file.kept().hash())).contains(file);
    }

    @Test
    void the_files_are_listed_oldest_first_then_by_hash() {
        SubjectId person = person();
        SealedAttachment later = sealedFile(100, T0.plusSeconds(5));
        SealedAttachment a = sealedFile(100, T0);
        SealedAttachment b = sealedFile(100, T0);
        keep(person, later);
        keep(person, a);
        keep(person, b);

        List<KeptAttachment> sameTime = a.kept().hash().hex().compareTo(b.kept().hash().hex()) < 0
                ? List.of(a.kept(), b.kept()) : List.of(b.kept(), a.kept());
        assertThat(attachments().keptFor(person)).containsExactly(sameTime.get(0), sameTime.get(1), later.kept());
    }

    @Test
    void a_file_kept_in_a_transaction_that_rolls_back_is_not_kept() {
        SubjectId person = person();
        SealedAttachment file = sealedFile(100, T0);

        assertThatThrownBy(() -> inTransaction(() -> {
            attachments().keep(person, file);
            throw new IllegalStateException("rolled back");
        })).hasMessageContaining("rolled back");

        assertThat(attachments().find(person, file.kept().hash())).isEmpty();
        assertThat(keep(person, file)).isTrue();
    }

    @Test
    void two_transactions_keeping_the_same_file_at_once_keep_it_once() throws Exception {
        SubjectId person = person();
        SealedAttachment file = sealedFile(1_000, T0);

        List<String> outcomes = Racing.race(4, () -> {
            try {
                return keep(person, file) ? "kept" : "there";
            } catch (ConcurrencyConflictException lost) {
                return "conflict";
            }
        });

        assertThat(outcomes).containsOnlyOnce("kept").allMatch(o -> List.of("kept", "there", "conflict").contains(o));
        assertThat(attachments().keptFor(person)).containsExactly(file.kept());
        assertThat(attachments().find(person, file.kept().hash())).contains(file);
    }

    @Test
    void the_shredder_deletes_a_persons_files_and_no_one_elses() {
        SubjectId erased = person();
        SubjectId other = person();
        SealedAttachment signature = sealedFile(400, T0);
        SealedAttachment form = sealedFile(800, T0);
        keep(erased, signature);
        keep(erased, form);
        keep(other, signature);

        SubjectShredder.Shredded shredded = inTransaction(() -> shredder().shred(erased));

        assertThat(shredded.attachments()).isEqualTo(2);
        assertThat(attachments().find(erased, signature.kept().hash())).isEmpty();
        assertThat(attachments().keptFor(erased)).isEmpty();
        assertThat(attachments().find(other, signature.kept().hash())).contains(signature);
    }
}
