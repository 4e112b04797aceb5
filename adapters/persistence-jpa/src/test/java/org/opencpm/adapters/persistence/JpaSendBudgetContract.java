package org.opencpm.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.opencpm.application.port.out.SendBudget;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.subject.SubjectId;
import org.opencpm.testfixtures.contract.SendBudgetContract;

/**
 * The send budget on a database: the port's contract ({@link SendBudgetContract}, which the
 * in-memory budget passes too), run as {@link OnThePorts}, with what it reads checked in
 * {@code send_budget} behind the store's back. Runs on each database through a subclass
 * ({@code H2SendBudgetTest}, {@code PostgreSqlSendBudgetTest}, {@code MariaDbSendBudgetTest}).
 *
 * <p>The second node is a second {@link JpaPersistence} on the same database: its own connection
 * pool and entity manager factory, as a second OpenCPM process would have; only the database's
 * row locks are shared. On PostgreSQL and MariaDB that is what two nodes are. On H2 it runs too,
 * but proves less: the embedded database is one process's (its file is locked by the process that
 * opened it; a second OpenCPM cannot share it), and both persistences here reach the one H2 engine
 * inside this JVM — it shows that nothing per factory or per pool is relied on, not that two
 * processes agree.
 */
public abstract class JpaSendBudgetContract extends OnDatabase {

    /** The second node: another {@link JpaPersistence} on the same database. */
    private JpaPersistence secondNode;

    /** The port's contract, on this database. */
    @Nested
    class OnThePorts extends SendBudgetContract {

        @Override
        protected SendBudget budget() {
            return persistence.sendBudget();
        }

        @Override
        protected SendBudget secondNode() {
            synchronized (JpaSendBudgetContract.this) {
                if (secondNode == null) {
                    secondNode = JpaPersistence.start(database.settings());
                }
                return secondNode.sendBudget();
            }
        }

        @Override
        protected int used(SubjectId subject, ContactChannel channel, String period) {
            return usedInTable(subject, channel, period);
        }
    }

    @AfterAll
    void stopSecondNode() {
        if (secondNode != null) {
            secondNode.close();
        }
    }

    /** {@code used} of the row, with plain JDBC; 0 when there is none. */
    private int usedInTable(SubjectId subject, ContactChannel channel, String period) {
        try (Connection connection = persistence.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT used FROM send_budget WHERE subject_id = ? AND channel = ? AND period_key = ?")) {
            statement.setString(1, subject.value());
            statement.setString(2, channel.code());
            statement.setString(3, period);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
