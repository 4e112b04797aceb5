package org.opencpm.application.decision;

import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.Purposes.MARKETING_SMS;
import static org.opencpm.testfixtures.Purposes.PERSONALIZATION;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.opencpm.adapters.decisionindex.MemoryDecisionIndex;
import org.opencpm.application.port.in.RecordConsentCommand;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.testfixtures.InMemoryOpenCpm;

/**
 * Not a test (no assertion; not run by the build, whose pattern is {@code *Test}): the heap a
 * warmed decision index takes per subject, for the sizing model in docs/scaling.md. Records
 * {@code opencpm.probe.subjects} (default 100,000) subjects with one phone and two granted purposes
 * in memory, loads a fresh {@link MemoryDecisionIndex} from them, drops the stores and prints the
 * heap the index keeps after full collections. Run: {@code ./mvnw -o -q -pl test-fixtures -am test -Dtest=DecisionIndexMemoryProbe
 * -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx2g}.
 */
class DecisionIndexMemoryProbe {

    @Test
    void heap_per_subject_of_a_warmed_index() {
        int subjects = Integer.getInteger("opencpm.probe.subjects", 100_000);
        warmedIndex(10); // the classes loaded and their statics made before the first measurement
        long before = usedAfterGc();
        MemoryDecisionIndex index = warmedIndex(subjects);
        long after = usedAfterGc();
        System.out.printf("decision index: %d subjects (1 phone, 2 purposes granted each): %d bytes of heap, %d bytes per subject%n",
                subjects, after - before, (after - before) / subjects);
        int[] count = {0};
        index.forEachSubject(state -> count[0]++);
        System.out.println("(the index holds " + count[0] + " subjects)");
    }

    /**
     * An index loaded from in-memory stores that are then dropped: what stays on the heap is what
     * the index holds (its states, consents, preferences, ids and identifier hashes), as in a server
     * whose index was read from the database.
     */
    private static MemoryDecisionIndex warmedIndex(int subjects) {
        InMemoryOpenCpm cpm = new InMemoryOpenCpm().withPurposes(MARKETING_SMS, PERSONALIZATION);
        Notice policy = cpm.publish("privacy-policy", "1", false, MARKETING_SMS, PERSONALIZATION);
        for (int i = 0; i < subjects; i++) {
            RecordConsentCommand grant = aGrant().by(Identifier.phone("139" + String.format("%08d", i))).of(MARKETING_SMS, PERSONALIZATION)
                    .on(policy).build();
            cpm.recordConsent.record(grant);
        }
        MemoryDecisionIndex index = new MemoryDecisionIndex();
        new DecisionIndexLoader(FollowCommitsServiceTest.onIndex(cpm.ports, index)).warmUp();
        return index;
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
