/**
 * Authorization: the {@link dev.gatehouse.core.authorization.Authorizer} port and its local
 * implementation, an evaluator for the SpiceDB schema language (definitions, relations with subject
 * relations and wildcards, permissions built from {@code + & -}, arrows {@code ->}, {@code .any()} /
 * {@code .all()}, {@code nil}, relationship expiration) over the
 * {@link dev.gatehouse.core.authorization.Relationships} port. It owns the schema parser and type
 * checker, the relationship model and its validation against a schema, check / lookup-resources /
 * lookup-subjects evaluation (memoized per request, depth-limited like SpiceDB, failing closed on
 * cycles) and the runner for SpiceDB validation files. Caveats are parsed only to be reported as
 * unsupported, by name. For SpiceDB mode it owns the relationship outbox: the
 * {@link dev.gatehouse.core.authorization.RelationshipOutbox} port, the
 * {@link dev.gatehouse.core.authorization.OutboxAuthorizer} that enqueues writes in the caller's
 * transaction and the {@link dev.gatehouse.core.authorization.RelationshipRelay} that applies them
 * to the engine in order, retried with backoff.
 */
package dev.gatehouse.core.authorization;
