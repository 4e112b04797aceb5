package org.opencpm.connectors.api;

/**
 * Makes the platform hold exactly the people whose consent is in force now (since 1.3.0): the
 * scheduled full reset that repairs whatever drifted — a change the platform lost, an edit made in
 * its console, a dead letter never replayed. The host calls it every {@code reconcile.intervalHours}
 * (see {@link HostKey#RECONCILE_INTERVAL_HOURS}), never at start, never twice at once for one
 * connector, and not at all while the key is absent.
 *
 * <p>{@link #reconcile} runs on a host thread, under the plugin's context class loader, and may
 * take minutes (a whole audience to upload): stream the {@link Audience}, never collect it into
 * memory beyond what one upload needs. A failure is logged (secrets scrubbed) and the next run
 * comes at the next interval; there is no other retry, since the next run does the whole job again.
 */
@FunctionalInterface
public interface Reconciler {

    /** Replaces what the platform holds with {@code audience}; throws when the platform refused or could not be reached. */
    void reconcile(Audience audience) throws Exception;
}
