package org.opencpm.testfixtures.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.application.port.out.RightsRequestStore;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.rights.RightsRequest;
import org.opencpm.domain.rights.RightsRequestStatus;
import org.opencpm.domain.rights.RightsRequestType;
import org.opencpm.domain.rights.Verification;
import org.opencpm.domain.rights.VerificationMethod;
import org.opencpm.domain.subject.SubjectId;

/**
 * What every {@link RightsRequestStore} must do: give back a request as it was written, every
 * field; move it only from the status it was read in (two operators answering at once: one wins);
 * keep a sole open request the only one of its subject and type until it is closed; list by status
 * and overdue, oldest due first. Run on the in-memory store
 * ({@code InMemoryRightsRequestStoreTest}) and on H2, PostgreSQL and MariaDB (the persistence
 * adapter's {@code JpaRightsRequestStoreContract}). The store may be shared between tests: each
 * works on requests due in a year of its own, far from the others'.
 */
public abstract class RightsRequestStoreContract {

    protected abstract RightsRequestStore store();

    /** Runs {@code work} in a transaction of the store's, as the service does. */
    protected abstract void inTransaction(Runnable work);

    private static RightsRequest request(String id, Instant receivedAt, int days) {
        return RightsRequest.receive(id, SubjectId.newId(), RightsRequestType.ACCESS, CollectionChannel.CALL_CENTRE,
                new Verification(VerificationMethod.OPERATOR, Optional.of("agent 7")), Optional.of("wants a copy\nof everything"),
                receivedAt, Duration.ofDays(days));
    }

    private void insert(RightsRequest... requests) {
        inTransaction(() -> List.of(requests).forEach(store()::insert));
    }

    private static String id(String name) {
        return name + "-" + UUID.randomUUID();
    }

    @Test
    void a_request_reads_back_as_written() {
        RightsRequest written = request(id("read"), Instant.parse("2031-01-05T08:30:00.123Z"), 15);
        insert(written);

        assertThat(store().find(written.id())).contains(written);
        assertThat(store().find("no-such-request")).isEmpty();
    }

    @Test
    void the_longest_texts_read_back_whole_in_chinese() {
        String text = "请删除我的个人信息".repeat(RightsRequest.MAX_TEXT / 9) + "。".repeat(RightsRequest.MAX_TEXT % 9);
        RightsRequest written = RightsRequest.receive(id("long"), SubjectId.newId(), RightsRequestType.DELETION,
                CollectionChannel.PREFERENCE_CENTRE, new Verification(VerificationMethod.OPERATOR, Optional.of("客服 " + "甲".repeat(197))),
                Optional.of(text), Instant.parse("2031-06-01T00:00:00Z"), Duration.ofDays(15));
        insert(written);
        RightsRequest rejected = written.reject(text, Instant.parse("2031-06-02T00:00:00Z"));
        inTransaction(() -> store().update(rejected, RightsRequestStatus.RECEIVED));

        assertThat(text).hasSize(RightsRequest.MAX_TEXT);
        assertThat(store().find(written.id())).contains(rejected);
    }

    @Test
    void a_subject_has_an_open_request_while_one_is_received_or_in_progress() {
        RightsRequest received = request(id("open"), Instant.parse("2033-02-01T00:00:00Z"), 15);
        RightsRequest other = request(id("other"), Instant.parse("2033-02-01T00:00:00Z"), 15);
        insert(received, other);
        assertThat(store().anyOpenOf(received.subject())).isTrue();
        assertThat(store().openOf(received.subject())).containsExactly(received);

        RightsRequest started = received.start();
        inTransaction(() -> store().update(started, RightsRequestStatus.RECEIVED));
        assertThat(store().anyOpenOf(received.subject())).isTrue();
        assertThat(store().openOf(received.subject())).containsExactly(started);

        inTransaction(() -> store().update(started.complete(Optional.empty(), Instant.parse("2033-02-03T00:00:00Z")),
                RightsRequestStatus.IN_PROGRESS));
        assertThat(store().anyOpenOf(received.subject())).isFalse();
        assertThat(store().openOf(received.subject())).isEmpty();
        assertThat(store().anyOpenOf(SubjectId.newId())).isFalse();
        assertThat(store().anyOpenOf(other.subject())).isTrue();
    }

    @Test
    void a_move_is_written_only_over_the_status_it_was_read_in() {
        RightsRequest received = request(id("move"), Instant.parse("2032-01-05T08:30:00Z"), 15);
        insert(received);
        RightsRequest rejected = received.reject("identity could not be confirmed", Instant.parse("2032-01-07T09:00:00Z"));
        RightsRequest completed = received.complete(Optional.of("sent"), Instant.parse("2032-01-07T09:00:00Z"));

        boolean[] first = new boolean[1];
        boolean[] second = new boolean[1];
        inTransaction(() -> first[0] = store().update(rejected, RightsRequestStatus.RECEIVED));
        inTransaction(() -> second[0] = store().update(completed, RightsRequestStatus.RECEIVED));

        assertThat(first[0]).isTrue();
        assertThat(second[0]).as("it was no longer received").isFalse();
        assertThat(store().find(received.id())).contains(rejected);
    }

    @Test
    void a_sole_open_request_is_the_only_one_of_its_subject_and_type_until_it_is_closed() {
        Instant at = Instant.parse("2035-04-01T00:00:00Z");
        SubjectId subject = SubjectId.newId();
        RightsRequest first = request(id("sole"), subject, RightsRequestType.ACCESS, at);
        inTransaction(() -> store().insertSoleOpen(first));

        RightsRequest second = request(id("second"), subject, RightsRequestType.ACCESS, at);
        assertThatThrownBy(() -> inTransaction(() -> store().insertSoleOpen(second))).isInstanceOf(ConcurrencyConflictException.class);
        assertThat(store().find(second.id())).isEmpty();

        // another type, another subject, and a request recorded otherwise are not held by it
        RightsRequest deletion = request(id("deletion"), subject, RightsRequestType.DELETION, at);
        RightsRequest someoneElses = request(id("else"), SubjectId.newId(), RightsRequestType.ACCESS, at);
        RightsRequest byOperator = request(id("operator"), subject, RightsRequestType.ACCESS, at);
        inTransaction(() -> {
            store().insertSoleOpen(deletion);
            store().insertSoleOpen(someoneElses);
            store().insert(byOperator);
        });
        assertThat(store().openOf(subject)).containsExactlyInAnyOrder(first, deletion, byOperator);

        RightsRequest started = first.start();
        inTransaction(() -> store().update(started, RightsRequestStatus.RECEIVED));
        RightsRequest third = request(id("third"), subject, RightsRequestType.ACCESS, at);
        assertThatThrownBy(() -> inTransaction(() -> store().insertSoleOpen(third))).as("in progress is still open")
                .isInstanceOf(ConcurrencyConflictException.class);

        inTransaction(() -> store().update(started.complete(Optional.empty(), at.plus(Duration.ofDays(2))), RightsRequestStatus.IN_PROGRESS));
        inTransaction(() -> store().insertSoleOpen(third));
        assertThat(store().find(third.id())).contains(third);
    }

    private static RightsRequest request(String id, SubjectId subject, RightsRequestType type, Instant receivedAt) {
        return RightsRequest.receive(id, subject, type, CollectionChannel.PREFERENCE_CENTRE, new Verification(VerificationMethod.LINK,
                Optional.empty()), Optional.empty(), receivedAt, Duration.ofDays(15));
    }

    @Test
    void lists_by_status_and_overdue_oldest_due_first() {
        Instant start = Instant.parse("2033-03-01T00:00:00Z");
        RightsRequest dueLast = request(id("c"), start, 20);
        RightsRequest dueFirst = request(id("a"), start, 5);
        RightsRequest dueSecond = request(id("b"), start, 10);
        RightsRequest answeredLate = request(id("d"), start, 1);
        insert(dueLast, dueFirst, dueSecond, answeredLate);
        RightsRequest started = dueSecond.start();
        inTransaction(() -> {
            store().update(started, RightsRequestStatus.RECEIVED);
            store().update(answeredLate.complete(Optional.empty(), start.plus(Duration.ofDays(3))), RightsRequestStatus.RECEIVED);
        });
        Instant day12 = start.plus(Duration.ofDays(12));

        List<RightsRequest> overdue = store().list(Optional.empty(), Optional.of(day12), 100);
        assertThat(overdue).as("open and due before day 12, this test's and maybe older ones")
                .filteredOn(r -> r.receivedAt().equals(start)).containsExactly(dueFirst, started);
        assertThat(store().list(Optional.of(RightsRequestStatus.RECEIVED), Optional.of(day12), 100))
                .filteredOn(r -> r.receivedAt().equals(start)).containsExactly(dueFirst);
        assertThat(store().list(Optional.of(RightsRequestStatus.IN_PROGRESS), Optional.empty(), 1000))
                .filteredOn(r -> r.receivedAt().equals(start)).containsExactly(started);
        assertThat(store().list(Optional.empty(), Optional.empty(), 1000))
                .filteredOn(r -> r.receivedAt().equals(start)).extracting(RightsRequest::id)
                .containsExactly(answeredLate.id(), dueFirst.id(), started.id(), dueLast.id());
        assertThat(store().countOverdue(day12) - store().countOverdue(start)).isEqualTo(2);
    }

    @Test
    void a_list_stops_at_its_limit() {
        Instant start = Instant.parse("2034-03-01T00:00:00Z");
        insert(request(id("x"), start, 1), request(id("y"), start, 2), request(id("z"), start, 3));

        assertThat(store().list(Optional.empty(), Optional.empty(), 2)).hasSize(2);
    }
}
