/**
 * The server: CLI ({@code serve}, {@code migrate}, {@code version}), configuration from the
 * environment, and hand wiring of the domain over the memory or PostgreSQL stores. No business logic.
 */
package dev.gatehouse.bootstrap;
