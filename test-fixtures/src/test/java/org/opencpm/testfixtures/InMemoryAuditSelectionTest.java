package org.opencpm.testfixtures;

import org.opencpm.application.port.out.AuditTrail;
import org.opencpm.application.port.out.Transactions;
import org.opencpm.testfixtures.contract.AuditSelectionContract;

/** The in-memory audit trail selects exports as the database trail does. */
class InMemoryAuditSelectionTest extends AuditSelectionContract {

    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryAuditTrail trail = new InMemoryAuditTrail(transactions);

    @Override
    protected AuditTrail trail() {
        return trail;
    }

    @Override
    protected Transactions transactions() {
        return transactions;
    }
}
