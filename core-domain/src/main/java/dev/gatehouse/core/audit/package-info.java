/**
 * The audit trail: every mutating use case appends an {@link dev.gatehouse.core.audit.AuditEvent}
 * (actor, action, resource, organization, origin, small change summary without secrets) through
 * {@link dev.gatehouse.core.audit.Auditor} in the same transaction as its change. The
 * {@link dev.gatehouse.core.audit.AuditLog} port is append-only and read newest-first with a cursor.
 */
package dev.gatehouse.core.audit;
