/**
 * Projects and their environments, inside an organization: creation with default environments,
 * listing what the caller may read, updates, soft deletion with a 30-day restore window and the purge
 * that hard-deletes afterwards. Every decision asks {@link dev.gatehouse.core.authorization.AccessControl};
 * every change writes its relationships ({@code project#organization}, {@code environment#project},
 * {@code environment#production}), an audit event and a domain event in one transaction.
 */
package dev.gatehouse.core.tenancy.projects;
