/**
 * Identity: users with hashed passwords, login with throttling and uniform failures, the initial
 * platform admin. Sessions (JWTs) are issued by the HTTP adapter from an authenticated
 * {@link dev.gatehouse.core.identity.User}; every request re-checks that the user is still active.
 */
package dev.gatehouse.core.identity;
