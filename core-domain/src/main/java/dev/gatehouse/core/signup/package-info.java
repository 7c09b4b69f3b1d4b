/**
 * Open sign-up (ADR 0034): with {@code GATEHOUSE_SIGNUP=open} anyone may create an account with an
 * email, a name and a password; the account stays unverified, and cannot log in, until the link mailed
 * to the address is used. The answer never says whether the address had an account. With
 * {@code invite} (the default) accounts come only from invitations and platform admins.
 */
package dev.gatehouse.core.signup;
