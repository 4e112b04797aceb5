package org.opencpm.plugins.douyin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.opencpm.connectors.api.Audience;
import org.opencpm.connectors.api.ChangeBatch;
import org.opencpm.connectors.api.ConsentChange;
import org.opencpm.connectors.api.IdentifierType;
import org.opencpm.connectors.api.SubjectIdentifier;
import org.opencpm.plugins.douyin.OceanEngine.Operation;

/**
 * Keeps one DMP data source in step with the consents of a batch: the subjects whose consent is
 * granted join it, every other state (withdrawn, denied, expired, pending) and every change whose
 * data must be erased leave it. One upload and one update per direction and batch — the platform
 * allows a data source 50 updates a day — then the configured custom audiences are published
 * again, since an audience keeps its data source's old content until it is.
 *
 * <p>A subject without a mainland China mobile number has nothing on the platform to change and
 * is left out; so is a preference change, which says nothing about the audience. Both operations
 * are idempotent on the platform (adding a present id, deleting an absent one), so a batch tried
 * again after a failure half-way through is safe.
 */
final class AudienceSync {

    /** Hashes per file of a reset: a few MB zipped, and a thousand files (the most an update takes) hold 100 million. */
    static final int RESET_FILE_IDS = 100_000;

    private final OceanEngine platform;
    private final String dataSourceId;
    private final List<String> customAudienceIds;
    private final int resetFileIds;
    /**
     * While a reset runs: the hashes changes took out of the data source since its walk began (and
     * did not put back). The reset's snapshot may still hold them — a withdrawal committed during
     * the walk, delivered before the reset's update — so they are deleted again once the reset has
     * replaced the content: a withdrawal is never undone by a reconciliation.
     */
    private final AtomicReference<Set<String>> leftDuringReset = new AtomicReference<>();

    AudienceSync(OceanEngine platform, String dataSourceId, List<String> customAudienceIds) {
        this(platform, dataSourceId, customAudienceIds, RESET_FILE_IDS);
    }

    /** @param resetFileIds how many hashes one file of a reset carries at most (small in a test, to see several) */
    AudienceSync(OceanEngine platform, String dataSourceId, List<String> customAudienceIds, int resetFileIds) {
        this.platform = platform;
        this.dataSourceId = dataSourceId;
        this.customAudienceIds = List.copyOf(customAudienceIds);
        this.resetFileIds = resetFileIds;
    }

    /** Carries {@code batch} to the data source. */
    void apply(ChangeBatch batch) throws Exception {
        Set<String> leave = new LinkedHashSet<>();
        Set<String> join = new LinkedHashSet<>();
        for (ConsentChange change : batch.changes()) {
            if (change.kind() != ConsentChange.Kind.CONSENT && !change.erasureDue()) {
                continue;
            }
            boolean joins = !change.erasureDue() && change.state().orElse(null) == ConsentChange.State.GRANTED;
            (joins ? join : leave).addAll(hashes(change));
        }
        Set<String> watched = leftDuringReset.get();
        if (watched != null) {
            watched.addAll(leave);
            watched.removeAll(join);
        }
        boolean changed = false;
        if (!leave.isEmpty()) {
            send(Operation.DELETE, new ArrayList<>(leave));
            changed = true;
        }
        if (!join.isEmpty()) {
            send(Operation.ADD, new ArrayList<>(join));
            changed = true;
        }
        if (changed) {
            publish();
        }
    }

    /**
     * Makes the data source hold exactly {@code audience}'s phones (those with no match on the
     * platform are left out): the reconciliation of a data source that drifted. The audience
     * streams into files of at most {@link #resetFileIds} hashes, each uploaded once full, so that
     * only one file is ever in memory; then one update ({@code operation_type} 3, reset) applies
     * them all; the people changes took out meanwhile are deleted again ({@link #leftDuringReset}),
     * and the audiences are published as after any update. An audience of no one empties the data
     * source (one empty file).
     */
    void reset(Audience audience) throws Exception {
        Set<String> watched = ConcurrentHashMap.newKeySet();
        if (!leftDuringReset.compareAndSet(null, watched)) {
            throw new IllegalStateException("a reset of data source " + dataSourceId + " is running already");
        }
        try {
            replaceWith(audience);
            if (!watched.isEmpty()) {
                send(Operation.DELETE, new ArrayList<>(watched));
            }
            publish();
        } finally {
            leftDuringReset.set(null);
        }
    }

    private void replaceWith(Audience audience) throws Exception {
        List<String> paths = new ArrayList<>();
        Set<String> file = new LinkedHashSet<>();
        try {
            audience.forEach(member -> {
                member.identifiers().stream().filter(id -> id.type().equals(IdentifierType.PHONE.code())).map(SubjectIdentifier::value)
                        .map(MobileHash::of).flatMap(Optional::stream).forEach(file::add);
                if (file.size() >= resetFileIds) {
                    paths.add(uploadAndClear(file));
                }
            });
        } catch (UploadFailed failed) {
            throw failed.getCause();
        }
        if (!file.isEmpty() || paths.isEmpty()) {
            paths.add(upload(new ArrayList<>(file)));
        }
        if (paths.size() > OceanEngine.MAX_FILES_PER_UPDATE) {
            throw new IllegalStateException("the audience needs " + paths.size() + " files, and an update takes "
                    + OceanEngine.MAX_FILES_PER_UPDATE + " at most");
        }
        platform.update(dataSourceId, Operation.RESET, paths);
    }

    private String uploadAndClear(Set<String> file) {
        try {
            String path = upload(new ArrayList<>(file));
            file.clear();
            return path;
        } catch (Exception e) {
            throw new UploadFailed(e);
        }
    }

    private String upload(List<String> hashes) throws Exception {
        return platform.upload(AudienceFile.ofMobileHashes(hashes));
    }

    /** Carries an upload's failure out of the audience's walk, to be thrown as it was. */
    private static final class UploadFailed extends RuntimeException {
        UploadFailed(Exception cause) {
            super(cause);
        }

        @Override
        public synchronized Exception getCause() {
            return (Exception) super.getCause();
        }
    }

    private void send(Operation operation, List<String> hashes) throws Exception {
        platform.update(dataSourceId, operation, List.of(upload(hashes)));
    }

    private void publish() throws Exception {
        for (String audience : customAudienceIds) {
            platform.publish(audience);
        }
    }

    private static List<String> hashes(ConsentChange change) {
        return change.identifiers().stream().filter(id -> id.type().equals(IdentifierType.PHONE.code())).map(SubjectIdentifier::value)
                .map(MobileHash::of).flatMap(Optional::stream).toList();
    }
}
