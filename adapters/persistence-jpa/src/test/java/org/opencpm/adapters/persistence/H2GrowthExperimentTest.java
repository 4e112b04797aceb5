package org.opencpm.adapters.persistence;

import static org.opencpm.testfixtures.ConsentEvents.aGrant;
import static org.opencpm.testfixtures.ConsentEvents.aWithdrawal;
import static org.opencpm.testfixtures.Purposes.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.*;
import org.h2.jdbc.JdbcConnection;
import org.h2.engine.SessionLocal;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.opencpm.adapters.decisionindex.MemoryDecisionIndex;
import org.opencpm.adapters.vault.KeyedIdentityVault;
import org.opencpm.application.Ports;
import org.opencpm.application.consent.RecordConsentService;
import org.opencpm.application.notice.PublishNoticeService;
import org.opencpm.application.port.in.*;
import org.opencpm.application.port.out.ConnectorRuntime;
import org.opencpm.application.port.out.ConnectorSubscriptions;
import org.opencpm.application.purpose.ManagePurposesService;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.testfixtures.FixedClock;

class H2GrowthExperimentTest {
    @Test
    void measure() throws Exception {
        Path dir = Path.of("/tmp/stor/exp-" + System.nanoTime());
        int n = Integer.getInteger("exp.n", 10000);
        JpaPersistence p = JpaPersistence.start(DatabaseSettings.embeddedH2(dir));
        Actor admin = new Actor("key:test-admin");
        ConnectorSubscriptions subs = change -> List.of("crm");
        Ports ports = new Ports(p.purposes(), p.notices(), p.subjects(), p.consents(), p.preferences(), p.audit(), p.outbox(), subs,
                p.deliveries(), ConnectorRuntime.NONE, p.idempotency(), p.confirmationTokens(), p.sendBudget(), new MemoryDecisionIndex(), p.decisionLog(), p.subjectStates(), p.apiKeys(), KeyedIdentityVault.withRandomKeys(), new FixedClock(Instant.parse("2026-11-29T02:00:00Z")),
                p.transactions());
        ManagePurposesService purposes = new ManagePurposesService(ports);
        for (Purpose purpose : List.of(MARKETING_SMS, PERSONALIZATION)) purposes.define(new DefinePurposeCommand(purpose, admin));
        Notice policy = new PublishNoticeService(ports).publish(new PublishNoticeCommand(NoticeRef.of("privacy-policy", "2026-01"), "zh-CN",
                "p", Optional.of("c"), Optional.empty(), Set.of(MARKETING_SMS.code(), PERSONALIZATION.code()), false, admin)).notice();
        RecordConsentService consents = new RecordConsentService(ports);
        Path file = dir.resolve("db/opencpm.mv.db");
        long base = Files.size(file);
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int c = 0; c < 32; c++) fs.add(pool.submit(() -> {
            int i;
            while ((i = next.getAndIncrement()) < n) {
                String phone = "139" + String.format("%08d", i / 2);
                if (i % 2 == 0) consents.record(aGrant().by(Identifier.phone(phone)).of(MARKETING_SMS).on(policy).build());
                else consents.record(aGrant().by(Identifier.phone(phone)).of(PERSONALIZATION).on(policy).build());
                if (i % 2000 == 0) System.out.println("EXP at " + i + " size " + size(file) + " " + stats(p));
            }
            return null;
        }));
        for (Future<?> f : fs) f.get();
        pool.shutdown();
        long after = Files.size(file);
        System.out.printf("EXP n=%d %.1f s, base %d, after %d, per event %.0f B  %s%n", n, (System.nanoTime()-t0)/1e9, base, after, (after - base) / (double) n, stats(p));
        for (int k = 0; k < 20; k++) { Thread.sleep(1000); System.out.println("EXP idle " + k + " s: " + size(file) + " per event " + (size(file) - base) / n + " " + stats(p)); }
        try (Connection c = p.dataSource().getConnection(); var st = c.createStatement(); var rs = st.executeQuery(
                "SELECT COUNT(*), AVG(OCTET_LENGTH(details)), MAX(OCTET_LENGTH(details)), (SELECT AVG(OCTET_LENGTH(preferences)) FROM outbox), (SELECT AVG(OCTET_LENGTH(sealed)) FROM subject_identifier) FROM audit_event")) { rs.next(); System.out.println("EXP events " + rs.getLong(1) + " details avg " + rs.getLong(2) + " max " + rs.getLong(3) + " prefs " + rs.getLong(4) + " sealed " + rs.getLong(5)); }
        try (Connection c = p.dataSource().getConnection()) {
            MVStore s = ((SessionLocal) c.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore().getMvStore();
            for (String name : s.getMapNames()) { var m = s.openMap(name); if (m.size() > 100) System.out.println("EXP map " + name + " entries " + m.size()); }
        }
        try (Connection c = p.dataSource().getConnection(); var st = c.createStatement(); var rs = st.executeQuery(
                "SELECT TABLE_NAME, DISK_SPACE_USED(QUOTE_IDENT(TABLE_NAME)) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA='PUBLIC'")) {
            while (rs.next()) System.out.println("EXP table " + rs.getString(1) + " " + rs.getLong(2) + " B, per event " + rs.getLong(2) / n);
        }
        p.close();
        System.out.println("EXP after close " + Files.size(file));
        try (Connection c = java.sql.DriverManager.getConnection(DatabaseSettings.embeddedH2Url(dir), "sa", ""); var st = c.createStatement()) {
            st.execute(System.getProperty("exp.shutdown", "SHUTDOWN COMPACT"));
        }
        System.out.println("EXP after shutdown compact " + Files.size(file) + " per event " + (Files.size(file) - base) / n);
    }
    static long size(Path f) { try { return Files.size(f);} catch (Exception e) { return -1; } }
    static String stats(JpaPersistence p) {
        try (Connection c = p.dataSource().getConnection()) {
            MVStore s = ((SessionLocal) c.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore().getMvStore();
            var fsx = s.getFileStore();
            return "fill=" + s.getFillRate() + " chunksFill=" + fsx.getChunksFillRate() + " fileSize=" + fsx.size() + " autoCommitDelay=" + s.getAutoCommitDelay() + " retention=" + s.getRetentionTime() + " fileFill=" + fsx.getFillRate();
        } catch (Exception e) { return e.toString(); }
    }
}
