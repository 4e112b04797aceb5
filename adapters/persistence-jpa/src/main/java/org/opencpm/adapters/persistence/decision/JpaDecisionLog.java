package org.opencpm.adapters.persistence.decision;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.opencpm.adapters.persistence.JpaTransactions;
import org.opencpm.application.port.out.DecisionLog;
import org.opencpm.application.port.out.LoggedDecision;
import org.opencpm.domain.subject.SubjectId;

/**
 * The decision log in {@code decision_log}, kept off the hot path: {@link #record} only puts the
 * decision in a bounded in-memory queue; a background thread writes what has queued up in
 * batches of up to {@value #BATCH_SIZE}, one transaction each, at least every
 * {@value #MAX_DELAY_MILLIS} ms; {@link #close} writes whatever is still queued.
 *
 * <p>Durability, on purpose weaker than for consents: a crash loses what was queued and not yet
 * written (at most the last batch and what arrived while it was written). A batch the database
 * refuses is logged as a warning and dropped; so are decisions that arrive while
 * {@value #CAPACITY} are already waiting (the queue never grows without bound).
 */
public final class JpaDecisionLog implements DecisionLog, AutoCloseable {

    static final int BATCH_SIZE = 500;
    static final int CAPACITY = 100_000;
    static final long MAX_DELAY_MILLIS = 200;

    private static final Logger LOG = Logger.getLogger(JpaDecisionLog.class.getName());

    private final JpaTransactions tx;
    private final BlockingQueue<LoggedDecision> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;

    public JpaDecisionLog(JpaTransactions tx) {
        this.tx = tx;
        this.writer = Thread.ofPlatform().name("opencpm-decision-log").daemon().unstarted(this::writeUntilClosed);
        this.writer.start();
    }

    @Override
    public void record(LoggedDecision decision) {
        if (!queue.offer(decision)) {
            long lost = dropped.incrementAndGet();
            if (lost == 1 || lost % 10_000 == 0) {
                LOG.warning(() -> "decision log queue full (" + CAPACITY + "): " + lost + " logged decisions dropped so far");
            }
        }
    }

    /** Writes everything queued so far, on the calling thread. */
    public void flush() {
        List<LoggedDecision> batch = new ArrayList<>(BATCH_SIZE);
        while (queue.drainTo(batch, BATCH_SIZE) > 0) {
            write(batch);
            batch.clear();
        }
    }

    /** How many decisions were dropped because the queue was full or the database refused them. */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Stops the writer and writes what is still queued. The writer is not interrupted (an
     * interrupt in the middle of its I/O could close an embedded database's file); it notices
     * within {@value #MAX_DELAY_MILLIS} ms.
     */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }

    private void writeUntilClosed() {
        List<LoggedDecision> batch = new ArrayList<>(BATCH_SIZE);
        while (running) {
            try {
                LoggedDecision first = queue.poll(MAX_DELAY_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH_SIZE - 1);
                write(batch);
                batch.clear();
            } catch (InterruptedException e) {
                // nobody interrupts the writer on purpose; stop, and leave the rest to close()
                return;
            }
        }
    }

    private void write(List<LoggedDecision> batch) {
        try {
            tx.inOwnTransaction(em -> {
                for (LoggedDecision decision : batch) {
                    em.persist(toEntity(decision));
                }
                return null;
            });
        } catch (RuntimeException failure) {
            dropped.addAndGet(batch.size());
            LOG.log(Level.WARNING, "could not write " + batch.size() + " logged decisions; they are lost", failure);
        }
    }

    private static DecisionLogJpaEntity toEntity(LoggedDecision decision) {
        DecisionLogJpaEntity row = new DecisionLogJpaEntity();
        row.id = UUID.randomUUID().toString();
        row.subjectId = decision.subject().map(SubjectId::value).orElse(null);
        row.purpose = decision.purpose().value();
        row.reason = decision.reason().code();
        row.channel = decision.channel().orElse(null);
        row.recipient = decision.recipient().orElse(null);
        row.decidedAt = decision.decidedAt().toEpochMilli();
        return row;
    }
}
