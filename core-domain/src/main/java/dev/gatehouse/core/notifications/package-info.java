/**
 * Notification mail driven by typed domain events (ADR 0035): the {@link dev.gatehouse.core.notifications.Notifier}
 * reacts to events as they are recorded and enqueues mail through {@link dev.gatehouse.core.mail.MailQueue} in the
 * event's own transaction, so a notice exists exactly when its change does and is queued once with it.
 */
package dev.gatehouse.core.notifications;
