package org.opencpm.connectors.api;

import java.util.Objects;

/**
 * What a platform's answer means for the changes a message carried, when the host's standard
 * reading of the HTTP status would get it wrong ({@link AnswerMapping}).
 */
public sealed interface DeliveryVerdict {

    /** Why, in words: kept with the delivery and shown to operators. Never an identifier value or a secret. */
    String reason();

    /**
     * The platform refused the change for good: the delivery goes to the dead-letter store with
     * this reason, whatever the status was (a 200 carrying an error code, a 503 that is no outage).
     */
    static DeliveryVerdict permanent(String reason) {
        return new Permanent(reason);
    }

    /**
     * The platform has nothing to do with the change (a person it does not know, a state it
     * already holds): the delivery is settled as delivered, without retry or dead letter, whatever
     * the status was (a 404, a 409).
     */
    static DeliveryVerdict nothingToDo(String reason) {
        return new NothingToDo(reason);
    }

    /** See {@link #permanent(String)}. */
    record Permanent(String reason) implements DeliveryVerdict {
        public Permanent {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** See {@link #nothingToDo(String)}. */
    record NothingToDo(String reason) implements DeliveryVerdict {
        public NothingToDo {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
