package org.opencpm.testfixtures;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencpm.application.port.out.ConsentChange;
import org.opencpm.application.port.out.DeadLetters;
import org.opencpm.application.port.out.DeliveryQueue;
import org.opencpm.application.port.out.DeliveryRetention;
import org.opencpm.application.port.out.Outbox;
import org.opencpm.application.port.out.Transactions;
import org.opencpm.connectors.runtime.memory.InMemoryDeliveryQueue;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.contract.DeliveryQueueContract;

/**
 * The in-memory delivery queue — the one the core's tests, the runtime's and the connector test
 * kit's harness run on — held to the contract the database queue keeps, fed by the in-memory
 * outbox in the in-memory transactions. Both "nodes" are the one queue, as one process would share it.
 */
class InMemoryDeliveryQueueTest extends DeliveryQueueContract {

    private final FixedClock clock = new FixedClock(T0);
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryDeliveryQueue queue = new InMemoryDeliveryQueue(clock);
    private final InMemoryOutbox outbox = new InMemoryOutbox(transactions, queue);

    @Override
    protected DeliveryQueue queue() {
        return queue;
    }

    @Override
    protected DeadLetters deadLetters() {
        return queue;
    }

    @Override
    protected DeliveryRetention retention() {
        return queue;
    }

    @Override
    protected Transactions transactions() {
        return transactions;
    }

    @Override
    protected Outbox outbox() {
        return outbox;
    }

    @Override
    protected DeliveryQueue secondNode() {
        return queue;
    }

    @Override
    protected String auditEventId(SubjectId subject) {
        return UUID.randomUUID().toString();
    }

    @Test
    void a_delivery_is_stamped_with_the_injected_clock() {
        clock.advance(Duration.ofMillis(123));
        ConsentChange change = new ConsentChange(SubjectId.newId(), ConsentChange.Kind.PREFERENCES, Optional.empty(), Optional.empty(),
                Preferences.none(), 1, T0, false, "evt-1");
        transactions.inTransaction(() -> {
            outbox.enqueue(change, List.of("crm"));
            return null;
        });

        assertThat(queue.all()).singleElement().satisfies(d -> assertThat(d.createdAt()).isEqualTo(T0.plusMillis(123)));
    }
}
