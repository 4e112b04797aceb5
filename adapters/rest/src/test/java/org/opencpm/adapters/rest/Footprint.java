package org.opencpm.adapters.rest;

import org.opencpm.testfixtures.InMemoryOpenCpm;

/**
 * What the in-memory OpenCPM behind the REST adapter has written: committed transactions, audit
 * events, subjects and their identifiers, consents, purposes, notices, outbox rows, API keys and evidence files.
 * Equal footprints before and after a request mean the request wrote nothing.
 */
record Footprint(long commits, int auditEvents, int subjects, int identifierLinks, int consents, int purposes, int notices,
                 int outboxRows, long apiKeys, int attachments) {

    static Footprint of(InMemoryOpenCpm cpm) {
        return new Footprint(cpm.transactions.committed(), cpm.auditTrail.all().size(), cpm.subjectStore.count(),
                cpm.subjectStore.links().size(), cpm.consentStore.all().values().stream().mapToInt(java.util.Map::size).sum(),
                cpm.purposeStore.all().size(), cpm.noticeStore.all().size(), cpm.outbox.changes().size(), cpm.apiKeyStore.count(),
                cpm.attachmentStore.all().size());
    }

    static Footprint now() {
        return of(InMemoryWiring.CPM);
    }
}
