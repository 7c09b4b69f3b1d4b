package dev.gatehouse.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a route whose {@code Idempotency-Key} is ignored: it creates nothing and answers with a
 * credential only (an access token), so a stored copy without the secret would be useless and one
 * with it must not exist. Each call runs (ADR 19).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface NotIdempotent {
}
