/**
 * Idempotency keys: the decision (proceed, replay, in progress, key reused) in
 * {@link dev.gatehouse.core.idempotency.Idempotency} over the
 * {@link dev.gatehouse.core.idempotency.IdempotencyRecords} port, whose atomic claim makes N
 * concurrent identical requests run once. The HTTP adapter applies it to POST/PUT/PATCH/DELETE.
 */
package dev.gatehouse.core.idempotency;
