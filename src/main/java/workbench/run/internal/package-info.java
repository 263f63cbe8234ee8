/**
 * How runs are kept and executed, hidden from other modules: {@code RunStore} (the run tables and
 * the queue's own table), {@code RunJob} (the db-scheduler task a worker executes),
 * {@code ModelHolder} (one loaded model set per node), and {@code RunNotifications} with its
 * listener (PostgreSQL LISTEN/NOTIFY, so every node's pages hear every worker).
 */
@NullMarked
package workbench.run.internal;

import org.jspecify.annotations.NullMarked;
