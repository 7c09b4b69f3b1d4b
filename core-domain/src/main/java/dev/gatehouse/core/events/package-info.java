/**
 * Domain events ({@code organization.created}, {@code project.deleted}, …) and their transactional
 * outbox: appended in the same transaction as the change, delivered later (webhooks).
 */
package dev.gatehouse.core.events;
