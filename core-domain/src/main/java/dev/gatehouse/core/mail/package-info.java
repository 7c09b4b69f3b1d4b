/**
 * Mail: the transactional outbox ({@link dev.gatehouse.core.mail.MailOutbox}), the queue that seals and
 * enqueues ({@link dev.gatehouse.core.mail.MailQueue}), the dispatcher that delivers with retries
 * ({@link dev.gatehouse.core.mail.MailDispatcher}) through a {@link dev.gatehouse.core.mail.MailTransport},
 * and the {@link dev.gatehouse.core.tenancy.Mailer} port on top ({@link dev.gatehouse.core.mail.OutboxMailer}).
 */
package dev.gatehouse.core.mail;
