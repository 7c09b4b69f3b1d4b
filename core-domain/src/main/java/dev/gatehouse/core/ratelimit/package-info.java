/**
 * Per-tier request rate limits: {@link dev.gatehouse.core.ratelimit.RateLimiter} decides one request
 * of an API key or user against a token bucket (GCRA) of its {@link dev.gatehouse.core.ratelimit.RateLimitTier},
 * kept in a {@link dev.gatehouse.core.ratelimit.RateLimitStore} (in process, or shared by every
 * instance through PostgreSQL with leased chunks). The organization's tier comes from a
 * {@link dev.gatehouse.core.ratelimit.TierResolver}. The HTTP adapter applies it to every
 * authenticated request; {@code VerifyApiKey} consults it for the verified key.
 */
package dev.gatehouse.core.ratelimit;
