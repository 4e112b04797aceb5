package org.opencpm.application.port.out;

import java.util.List;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.preference.PeriodLimit;
import org.opencpm.domain.subject.SubjectId;

/**
 * How many messages each subject has been sent per channel and period. Consumption is atomic:
 * one unit of every limit at once or none, and of two racing requests for the last unit exactly
 * one succeeds.
 */
public interface SendBudget {

    /** Takes one unit from every limit if all have one left; returns whether it did. */
    boolean tryConsume(SubjectId subject, ContactChannel channel, List<PeriodLimit> limits);

    /**
     * Returns the unit {@link #tryConsume} took from each of {@code limits}' periods, for a message
     * that was then not sent (refused before it left); never below zero.
     */
    void giveBack(SubjectId subject, ContactChannel channel, List<PeriodLimit> limits);
}
