package org.opencpm.adapters.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.flywaydb.core.Flyway;
import org.opencpm.adapters.persistence.audit.JpaAuditCheckpoints;
import org.opencpm.adapters.persistence.audit.JpaAuditTrail;
import org.opencpm.adapters.persistence.audit.JpaChangeLog;
import org.opencpm.adapters.persistence.catalogue.JpaNoticeStore;
import org.opencpm.adapters.persistence.catalogue.JpaPurposeStore;
import org.opencpm.adapters.persistence.consent.JpaConfirmationTokens;
import org.opencpm.adapters.persistence.consent.JpaConsentStore;
import org.opencpm.adapters.persistence.consent.JpaIdempotencyStore;
import org.opencpm.adapters.persistence.decision.JpaDecisionLog;
import org.opencpm.adapters.persistence.outbox.JpaDeadLetters;
import org.opencpm.adapters.persistence.outbox.JpaDeliveryQueue;
import org.opencpm.adapters.persistence.outbox.JpaDeliveryRetention;
import org.opencpm.adapters.persistence.outbox.JpaOutbox;
import org.opencpm.adapters.persistence.preference.JpaPreferenceStore;
import org.opencpm.adapters.persistence.preference.JpaSendBudget;
import org.opencpm.adapters.persistence.alert.JpaAlertStore;
import org.opencpm.adapters.persistence.session.JpaConsoleSessionStore;
import org.opencpm.adapters.persistence.evidence.JpaAttachmentStore;
import org.opencpm.adapters.persistence.rights.JpaRightsRequestStore;
import org.opencpm.adapters.persistence.erasure.JpaErasureStore;
import org.opencpm.adapters.persistence.erasure.JpaSubjectKeyStore;
import org.opencpm.adapters.persistence.erasure.JpaSubjectShredder;
import org.opencpm.adapters.persistence.security.JpaApiKeyStore;
import org.opencpm.adapters.persistence.subject.JpaSubjectStateSource;
import org.opencpm.adapters.persistence.subject.JpaSubjectStore;

/**
 * OpenCPM's database: every storage port of the application implemented with EclipseLink JPA
 * on H2, PostgreSQL or MariaDB/MySQL, on one schema that Flyway migrations own.
 *
 * <p>{@link #start} opens a HikariCP pool for the JDBC URL (the driver follows from the URL),
 * brings the schema up to date, and creates a resource-local entity manager factory on the pool
 * (no shared cache, since several nodes may share one database). The getters hand out the stores;
 * they all write through {@link #transactions()}. {@link #close} writes what the decision log
 * still holds, then closes the factory and the pool.
 */
public final class JpaPersistence implements AutoCloseable {

    /** The persistence unit in {@code META-INF/persistence.xml}. */
    static final String PERSISTENCE_UNIT = "opencpm";

    private final HikariDataSource dataSource;
    private final EntityManagerFactory factory;
    private final JpaTransactions transactions;
    private final JpaPurposeStore purposes;
    private final JpaNoticeStore notices;
    private final JpaSubjectStore subjects;
    private final JpaConsentStore consents;
    private final JpaPreferenceStore preferences;
    private final JpaAuditTrail audit;
    private final JpaChangeLog changeLog;
    private final JpaAuditCheckpoints checkpoints;
    private final JpaOutbox outbox;
    private final JpaDeliveryQueue deliveryQueue;
    private final JpaDeadLetters deadLetters;
    private final JpaDeliveryRetention deliveryRetention;
    private final JpaIdempotencyStore idempotency;
    private final JpaConfirmationTokens confirmationTokens;
    private final JpaSendBudget sendBudget;
    private final JpaDecisionLog decisionLog;
    private final JpaSubjectStateSource subjectStates;
    private final JpaApiKeyStore apiKeys;
    private final JpaRightsRequestStore rightsRequests;
    private final JpaAlertStore alerts;
    private final JpaAttachmentStore attachments;
    private final JpaConsoleSessionStore consoleSessions;
    private final JpaSubjectKeyStore subjectKeys;
    private final JpaErasureStore erasures;
    private final JpaSubjectShredder shredder;
    /** Present on an embedded H2 file only. */
    private final Optional<H2Housekeeping> housekeeping;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JpaPersistence(HikariDataSource dataSource, EntityManagerFactory factory, DatabaseKind kind, Clock clock) {
        this.dataSource = dataSource;
        this.factory = factory;
        this.transactions = new JpaTransactions(factory, dataSource.getMaximumPoolSize());
        KeyedLookup lookup = new KeyedLookup(kind);
        this.purposes = new JpaPurposeStore(transactions, clock);
        this.notices = new JpaNoticeStore(transactions, clock);
        this.subjects = new JpaSubjectStore(transactions, lookup);
        this.consents = new JpaConsentStore(transactions, lookup);
        this.preferences = new JpaPreferenceStore(transactions);
        this.audit = new JpaAuditTrail(transactions);
        this.changeLog = new JpaChangeLog(transactions);
        this.checkpoints = new JpaAuditCheckpoints(transactions);
        this.outbox = new JpaOutbox(transactions, audit, clock);
        this.deliveryQueue = new JpaDeliveryQueue(transactions, kind);
        this.deadLetters = new JpaDeadLetters(transactions, kind);
        this.deliveryRetention = new JpaDeliveryRetention(transactions);
        this.idempotency = new JpaIdempotencyStore(transactions, clock, lookup);
        this.confirmationTokens = new JpaConfirmationTokens(transactions);
        this.sendBudget = new JpaSendBudget(transactions);
        this.subjectStates = new JpaSubjectStateSource(subjects, consents, preferences);
        this.apiKeys = new JpaApiKeyStore(transactions, dataSource);
        this.rightsRequests = new JpaRightsRequestStore(transactions);
        this.alerts = new JpaAlertStore(transactions);
        this.attachments = new JpaAttachmentStore(transactions);
        this.consoleSessions = new JpaConsoleSessionStore(transactions);
        this.subjectKeys = new JpaSubjectKeyStore(transactions);
        this.erasures = new JpaErasureStore(transactions);
        this.shredder = new JpaSubjectShredder(transactions);
        this.decisionLog = new JpaDecisionLog(transactions);
        this.housekeeping = kind == DatabaseKind.H2 ? H2Housekeeping.start(dataSource) : Optional.empty();
    }

    /**
     * Connects to the database of {@code settings}, migrates its schema to the current version
     * and returns the stores on it.
     *
     * @throws IllegalArgumentException when the URL is not one of H2, PostgreSQL, MariaDB or MySQL
     * @throws RuntimeException         when the database cannot be reached or migrated (nothing stays open)
     */
    public static JpaPersistence start(DatabaseSettings settings) {
        return start(settings, Clock.systemUTC());
    }

    /**
     * As {@link #start(DatabaseSettings)}, with the stores stamping what they write (a change's
     * {@code created_at} in the outbox, an idempotency key's) from {@code clock}: time is read
     * where it is injected, so a test can pin it.
     */
    public static JpaPersistence start(DatabaseSettings settings, Clock clock) {
        DatabaseKind kind = DatabaseKind.of(settings.url());
        HikariDataSource dataSource = new HikariDataSource(poolConfig(settings, kind));
        try {
            migrate(dataSource, kind);
            EntityManagerFactory factory = Persistence.createEntityManagerFactory(PERSISTENCE_UNIT, unitProperties(dataSource));
            try {
                factory.createEntityManager().close(); // deploys the unit now: a mapping error fails the start, not the first request
                return new JpaPersistence(dataSource, factory, kind, clock);
            } catch (RuntimeException | Error failure) {
                factory.close();
                throw failure;
            }
        } catch (RuntimeException | Error failure) {
            dataSource.close();
            throw failure;
        }
    }

    private static HikariConfig poolConfig(DatabaseSettings settings, DatabaseKind kind) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("opencpm-db");
        config.setDriverClassName(kind.driverClassName());
        config.setJdbcUrl(kind.driverUrl(settings.url()));
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize()); // a fixed-size pool: every connection is open and ready
        // the same isolation everywhere (MariaDB would default to REPEATABLE READ): each statement
        // sees what was committed before it; writers are kept apart by row locks and version checks
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        if (kind == DatabaseKind.POSTGRESQL) {
            // a JDBC batch of INSERTs as multi-row INSERTs: one round trip per 128 rows, not per row
            // (a bulk import waited on round trips: 13 % of raw INSERTs' rate, ADR 0017); the driver
            // then answers SUCCESS_NO_INFO per row, which executeEachOnOneRow accepts
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        return config;
    }

    private static void migrate(DataSource dataSource, DatabaseKind kind) {
        Flyway.configure(JpaPersistence.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(kind.placeholders())
                .load()
                .migrate();
    }

    private static Map<String, Object> unitProperties(DataSource dataSource) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(PersistenceUnitProperties.NON_JTA_DATASOURCE, dataSource);
        // one EclipseLink session per start: several JpaPersistence in one JVM must not share a session
        properties.put(PersistenceUnitProperties.SESSION_NAME, "opencpm-" + UUID.randomUUID());
        return properties;
    }

    /** The pool, for a readiness check ({@code isValid} on a borrowed connection). */
    public DataSource dataSource() {
        return dataSource;
    }

    public JpaTransactions transactions() {
        return transactions;
    }

    public JpaPurposeStore purposes() {
        return purposes;
    }

    public JpaNoticeStore notices() {
        return notices;
    }

    public JpaSubjectStore subjects() {
        return subjects;
    }

    public JpaConsentStore consents() {
        return consents;
    }

    public JpaPreferenceStore preferences() {
        return preferences;
    }

    public JpaAuditTrail audit() {
        return audit;
    }

    /** The audit chain read as the feed of committed changes other nodes follow. */
    public JpaChangeLog changeLog() {
        return changeLog;
    }

    /** The audit chain's signed checkpoints and their keys. */
    public JpaAuditCheckpoints checkpoints() {
        return checkpoints;
    }

    public JpaOutbox outbox() {
        return outbox;
    }

    /**
     * The deliveries {@link #outbox()} writes, for the connectors' dispatchers: each call in a
     * short transaction of its own, safe for several nodes on one database.
     */
    public JpaDeliveryQueue deliveryQueue() {
        return deliveryQueue;
    }

    /** The same deliveries as operators see them: figures, lists, dead letters replayed. */
    public JpaDeadLetters deadLetters() {
        return deadLetters;
    }

    /** The purge of old delivery receipts. */
    public JpaDeliveryRetention deliveryRetention() {
        return deliveryRetention;
    }

    public JpaIdempotencyStore idempotency() {
        return idempotency;
    }

    public JpaConfirmationTokens confirmationTokens() {
        return confirmationTokens;
    }

    public JpaSendBudget sendBudget() {
        return sendBudget;
    }

    public JpaDecisionLog decisionLog() {
        return decisionLog;
    }

    public JpaSubjectStateSource subjectStates() {
        return subjectStates;
    }

    public JpaApiKeyStore apiKeys() {
        return apiKeys;
    }

    public JpaErasureStore erasures() {
        return erasures;
    }

    public JpaSubjectShredder shredder() {
        return shredder;
    }

    public JpaSubjectKeyStore subjectKeys() {
        return subjectKeys;
    }

    public JpaRightsRequestStore rightsRequests() {
        return rightsRequests;
    }

    /** The risk alerts raised. */
    public JpaAlertStore alerts() {
        return alerts;
    }

    /** The console sessions of the admin console and the store tablet (ADR 0021). */
    public JpaConsoleSessionStore consoleSessions() {
        return consoleSessions;
    }

    /** The evidence files of consent events, sealed (ADR 0013). */
    public JpaAttachmentStore attachments() {
        return attachments;
    }

    /**
     * Writes the queued decision-log entries, compacts an embedded H2 file ({@link H2Housekeeping}),
     * then closes the entity manager factory and the pool. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            transactions.close();
            decisionLog.close();
            housekeeping.ifPresent(H2Housekeeping::close);
        } finally {
            try {
                factory.close();
            } finally {
                dataSource.close();
            }
        }
    }
}
