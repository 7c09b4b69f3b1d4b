/**
 * The server: CLI ({@code serve}, {@code migrate}, {@code authz validate}, {@code version}), configuration from the
 * environment, and hand wiring of the domain over the memory or PostgreSQL stores and the local or
 * SpiceDB authorizer. No business logic.
 */
package dev.gatehouse.bootstrap;
