package org.opencpm.testfixtures.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.application.port.out.IdentifierHash;
import org.opencpm.application.port.out.LinkedIdentifier;
import org.opencpm.application.port.out.SealedIdentifier;
import org.opencpm.application.port.out.SubjectStateSource;
import org.opencpm.application.port.out.SubjectStore;
import org.opencpm.domain.subject.IdentifierType;
import org.opencpm.domain.subject.Subject;
import org.opencpm.domain.subject.SubjectId;

/**
 * What every {@link SubjectStore} must do about correcting who a person is (PIPL Art. 46):
 * unlink only a subject's own identifier; a merge moves every identifier of the absorbed subject,
 * marks it once (a second merge of it conflicts), and is undone whole with its transaction;
 * {@code absorbedBy} finds merges of merges; the state walk that fills the decision index skips
 * absorbed subjects. Run on the in-memory store ({@code InMemorySubjectStoreTest}) and on H2,
 * PostgreSQL and MariaDB ({@code JpaSubjectStoreContract}). Each test works on subjects and hashes
 * of its own, so the store may be shared.
 */
public abstract class SubjectStoreContract {

    private static final Instant T0 = Instant.parse("2031-04-01T08:00:00Z");

    protected abstract SubjectStore store();

    /** The walk over every subject's state, on the same data as {@link #store()}. */
    protected abstract SubjectStateSource states();

    /** Runs {@code work} in a transaction of the store's, as the services do. */
    protected abstract void inTransaction(Runnable work);

    private SubjectId subject() {
        SubjectId id = SubjectId.newId();
        inTransaction(() -> store().save(Subject.register(id, T0), Optional.empty()));
        return id;
    }

    private static IdentifierHash hash() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return new IdentifierHash(HexFormat.of().formatHex(bytes));
    }

    private IdentifierHash linked(SubjectId id, IdentifierType type) {
        IdentifierHash hash = hash();
        inTransaction(() -> store().link(id, type, hash, new SealedIdentifier(new byte[] {1, 2, 3})));
        return hash;
    }

    private List<IdentifierHash> hashesOf(SubjectId id) {
        return store().identifiersOf(id).stream().map(LinkedIdentifier::hash).toList();
    }

    /**
     * A batch's identifiers are looked up together: more of them than one query of the store
     * carries, known and unknown mixed, inside a transaction (where a store may read them in bulk)
     * and outside one. Each known one leads to its own subject; no unknown one leads anywhere.
     */
    @Test
    void many_identifiers_looked_up_at_once_lead_exactly_where_each_does() {
        List<SubjectId> people = List.of(SubjectId.newId(), SubjectId.newId(), SubjectId.newId());
        Map<IdentifierHash, SubjectId> known = new HashMap<>();
        List<SubjectStore.NewLink> links = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            IdentifierHash hash = hash();
            known.put(hash, people.get(i % people.size()));
            links.add(new SubjectStore.NewLink(people.get(i % people.size()), IdentifierType.PHONE, hash, new SealedIdentifier(new byte[] {7})));
        }
        inTransaction(() -> store().saveAll(people.stream().map(id -> new SubjectStore.Save(Subject.register(id, T0), Optional.<Long>empty()))
                .toList(), links));
        List<IdentifierHash> asked = new ArrayList<>(known.keySet());
        for (int i = 0; i < 1_300; i++) {
            asked.add(hash());
        }
        Collections.shuffle(asked);

        List<Map<IdentifierHash, SubjectId>> inside = new ArrayList<>();
        inTransaction(() -> inside.add(store().findByIdentifiers(asked)));

        Map<IdentifierHash, SubjectId> outside = store().findByIdentifiers(asked);
        assertThat(inside.getFirst().size()).as("found inside a transaction").isEqualTo(known.size());
        assertThat(inside.getFirst().equals(known)).as("each found one leads to its own subject").isTrue();
        assertThat(outside.size()).as("found outside one").isEqualTo(known.size());
        assertThat(outside.equals(known)).as("each found one leads to its own subject").isTrue();
    }

    @Test
    void an_identifier_is_unlinked_only_from_its_own_subject() {
        SubjectId mine = subject();
        SubjectId theirs = subject();
        IdentifierHash phone = linked(mine, IdentifierType.PHONE);
        IdentifierHash email = linked(mine, IdentifierType.EMAIL);

        boolean[] byOther = new boolean[1];
        boolean[] byOwner = new boolean[1];
        boolean[] again = new boolean[1];
        inTransaction(() -> byOther[0] = store().unlink(theirs, email));
        inTransaction(() -> byOwner[0] = store().unlink(mine, email));
        inTransaction(() -> again[0] = store().unlink(mine, email));

        assertThat(byOther[0]).isFalse();
        assertThat(byOwner[0]).isTrue();
        assertThat(again[0]).isFalse();
        assertThat(store().findByIdentifier(email)).isEmpty();
        assertThat(store().findByIdentifier(phone)).contains(mine);
        assertThat(hashesOf(mine)).containsExactly(phone);
    }

    @Test
    void an_unlinked_identifier_can_be_linked_again_to_anyone() {
        SubjectId first = subject();
        SubjectId second = subject();
        IdentifierHash email = linked(first, IdentifierType.EMAIL);
        inTransaction(() -> store().unlink(first, email));

        inTransaction(() -> store().link(second, IdentifierType.EMAIL, email, new SealedIdentifier(new byte[] {9})));

        assertThat(store().findByIdentifier(email)).contains(second);
    }

    @Test
    void a_merge_moves_every_identifier_and_marks_the_absorbed_subject() {
        SubjectId into = subject();
        SubjectId from = subject();
        IdentifierHash ours = linked(into, IdentifierType.PHONE);
        IdentifierHash phone = linked(from, IdentifierType.PHONE);
        IdentifierHash openid = linked(from, IdentifierType.WECHAT_UNIONID);

        inTransaction(() -> store().merge(from, into));

        assertThat(store().findByIdentifier(phone)).contains(into);
        assertThat(store().findByIdentifier(openid)).contains(into);
        assertThat(hashesOf(into)).containsExactlyInAnyOrder(ours, phone, openid);
        assertThat(store().identifiersOf(from)).isEmpty();
        assertThat(store().mergedInto(from)).contains(into);
        assertThat(store().mergedInto(into)).isEmpty();
        assertThat(store().find(from)).as("the absorbed subject's row stays").isPresent();
        assertThat(store().absorbedBy(into)).containsExactly(from);
        assertThat(store().absorbedBy(from)).isEmpty();
    }

    @Test
    void a_subject_is_absorbed_once() {
        SubjectId first = subject();
        SubjectId second = subject();
        SubjectId from = subject();
        IdentifierHash phone = linked(from, IdentifierType.PHONE);
        inTransaction(() -> store().merge(from, first));

        assertThatThrownBy(() -> inTransaction(() -> store().merge(from, second))).isInstanceOf(ConcurrencyConflictException.class);

        assertThat(store().mergedInto(from)).contains(first);
        assertThat(store().findByIdentifier(phone)).contains(first);
        assertThat(store().absorbedBy(second)).isEmpty();
    }

    @Test
    void a_merge_rolled_back_leaves_nothing_behind() {
        SubjectId into = subject();
        SubjectId from = subject();
        IdentifierHash phone = linked(from, IdentifierType.PHONE);

        assertThatThrownBy(() -> inTransaction(() -> {
            store().merge(from, into);
            throw new IllegalStateException("the audit append failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(store().mergedInto(from)).isEmpty();
        assertThat(store().findByIdentifier(phone)).contains(from);
        assertThat(store().absorbedBy(into)).isEmpty();
    }

    @Test
    void absorbed_by_finds_merges_of_merges() {
        SubjectId a = subject();
        SubjectId b = subject();
        SubjectId c = subject();
        SubjectId d = subject();
        IdentifierHash phone = linked(a, IdentifierType.PHONE);
        inTransaction(() -> store().merge(a, b));
        inTransaction(() -> store().merge(b, c));
        inTransaction(() -> store().merge(d, c));

        assertThat(store().absorbedBy(c)).containsExactlyInAnyOrder(a, b, d);
        assertThat(store().absorbedBy(b)).containsExactly(a);
        assertThat(store().findByIdentifier(phone)).as("moved twice").contains(c);
    }

    @Test
    void the_state_walk_skips_absorbed_subjects() {
        SubjectId into = subject();
        SubjectId from = subject();
        inTransaction(() -> store().merge(from, into));

        List<SubjectId> walked = new ArrayList<>();
        states().forEachSubject(state -> walked.add(state.subject().id()));
        List<SubjectId> linkedTo = new ArrayList<>();
        states().forEachIdentifier((hash, subject) -> linkedTo.add(subject));

        assertThat(walked).contains(into).doesNotContain(from);
        assertThat(linkedTo).doesNotContain(from);
    }
}
