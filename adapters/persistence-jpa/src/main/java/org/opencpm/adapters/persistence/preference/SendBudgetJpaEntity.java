package org.opencpm.adapters.persistence.preference;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A row of {@code send_budget}: how many messages a subject got on a channel in one period ({@code D2026-11-29}, {@code W2026-48}, {@code M2026-11}). */
@Entity
@Table(name = "send_budget")
@IdClass(SendBudgetJpaEntity.Key.class)
class SendBudgetJpaEntity {

    @Id
    @Column(name = "subject_id")
    String subjectId;

    @Id
    @Column(name = "channel")
    String channel;

    @Id
    @Column(name = "period_key")
    String period;

    @Column(name = "used", nullable = false)
    int used;

    protected SendBudgetJpaEntity() {
    }

    SendBudgetJpaEntity(String subjectId, String channel, String period) {
        this.subjectId = subjectId;
        this.channel = channel;
        this.period = period;
    }

    /** The primary key of {@link SendBudgetJpaEntity}. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        String subjectId;
        String channel;
        String period;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && Objects.equals(subjectId, other.subjectId) && Objects.equals(channel, other.channel)
                    && Objects.equals(period, other.period);
        }

        @Override
        public int hashCode() {
            return Objects.hash(subjectId, channel, period);
        }
    }
}
