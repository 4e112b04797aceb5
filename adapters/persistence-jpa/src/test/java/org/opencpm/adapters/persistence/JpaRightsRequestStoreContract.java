package org.opencpm.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.out.ConcurrencyConflictException;
import org.opencpm.application.port.out.RightsRequestStore;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.rights.RightsRequest;
import org.opencpm.domain.rights.RightsRequestType;
import org.opencpm.domain.rights.Verification;
import org.opencpm.domain.rights.VerificationMethod;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.contract.RightsRequestStoreContract;

/**
 * The rights request store on a database: the port's contract ({@link RightsRequestStoreContract},
 * which the in-memory store passes too), run as {@link OnThePorts}, and the sole open request held
 * across nodes. Runs on each database through a subclass ({@code H2RightsRequestStoreTest},
 * {@code PostgreSqlRightsRequestStoreTest}, {@code MariaDbRightsRequestStoreTest}).
 *
 * <p>The other node is a second {@link JpaPersistence} on the same database, as in
 * {@code JpaSendBudgetContract}: on PostgreSQL and MariaDB that is what two nodes are; on H2 both
 * reach the one engine in this JVM, and the test shows that no lock of one node's is relied on.
 */
public abstract class JpaRightsRequestStoreContract extends OnDatabase {

    @Test
    void two_nodes_inserting_the_sole_open_request_of_one_subject_and_type_at_once_write_one() throws Exception {
        SubjectId subject = SubjectId.newId();
        CyclicBarrier together = new CyclicBarrier(2);
        try (JpaPersistence otherNode = JpaPersistence.start(database.settings());
             ExecutorService taps = Executors.newFixedThreadPool(2)) {
            List<Future<String>> outcomes = new ArrayList<>();
            for (JpaPersistence node : List.of(persistence, otherNode)) {
                RightsRequest request = RightsRequest.receive("tap-" + unique(), subject, RightsRequestType.DELETION,
                        CollectionChannel.PREFERENCE_CENTRE, Verification.of(VerificationMethod.LINK), Optional.empty(), T0, Duration.ofDays(15));
                outcomes.add(taps.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    try {
                        node.transactions().inTransaction(() -> {
                            node.rightsRequests().insertSoleOpen(request);
                            return null;
                        });
                        return "written";
                    } catch (ConcurrencyConflictException conflict) {
                        return "refused";
                    }
                }));
            }
            assertThat(List.of(outcomes.get(0).get(), outcomes.get(1).get())).containsExactlyInAnyOrder("written", "refused");
        }
        assertThat(count("SELECT COUNT(*) FROM rights_request WHERE subject_id = ?", subject.value())).isEqualTo(1);
    }

    /** The port's contract, on this database. */
    @Nested
    class OnThePorts extends RightsRequestStoreContract {

        @Override
        protected RightsRequestStore store() {
            return persistence.rightsRequests();
        }

        @Override
        protected void inTransaction(Runnable work) {
            persistence.transactions().inTransaction(() -> {
                work.run();
                return null;
            });
        }
    }
}
