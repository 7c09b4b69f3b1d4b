/**
 * Thread-safe in-memory implementations of every driven port: the embedded default (library use,
 * {@code serve} without a database) and the fakes of unit tests. They pass the same contract tests
 * as the PostgreSQL adapter. Feature packages never depend on this package.
 */
package dev.gatehouse.core.memory;
