package org.opencpm.testfixtures;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.opencpm.application.port.out.PurposeStore;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;

public final class InMemoryPurposeStore implements PurposeStore {

    private final ConcurrentSkipListMap<PurposeCode, Purpose> purposes = new ConcurrentSkipListMap<>();
    private final InMemoryTransactions tx;

    public InMemoryPurposeStore(InMemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<Purpose> find(PurposeCode code) {
        return Optional.ofNullable(purposes.get(code));
    }

    @Override
    public List<Purpose> all() {
        return List.copyOf(purposes.values());
    }

    @Override
    public void save(Purpose purpose) {
        Purpose previous = purposes.put(purpose.code(), purpose);
        tx.onRollback(() -> {
            if (previous == null) {
                purposes.remove(purpose.code());
            } else {
                purposes.put(purpose.code(), previous);
            }
        });
    }
}
