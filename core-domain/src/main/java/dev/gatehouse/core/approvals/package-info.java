/**
 * Just-in-time access: access requests, the policies that admit them, the workflows whose stages
 * approve them, and the time-boxed grants an approval writes through the {@code Authorizer}.
 */
package dev.gatehouse.core.approvals;
