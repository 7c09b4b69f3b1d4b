/**
 * PostgreSQL for tests, shared through this module's test-jar: {@link dev.gatehouse.postgres.testing.TestPostgres}
 * gives each test class a fresh {@link dev.gatehouse.postgres.testing.TestDatabase} on the server named by
 * {@code GATEHOUSE_TEST_DATABASE_URL}, or on a throwaway cluster it starts from the installed binaries
 * and removes when the run ends.
 */
package dev.gatehouse.postgres.testing;
