/**
 * The {@link dev.gatehouse.core.authorization.Authorizer} port over SpiceDB's v1 gRPC API with the
 * official authzed-java stubs: checks, lookups and relationship writes go to SpiceDB, ZedTokens are
 * the consistency tokens, and every error or unknown answer is a failure (callers deny). The only
 * public type is the Micronaut factory {@link dev.gatehouse.spicedb.SpiceDbAdapter}.
 */
package dev.gatehouse.spicedb;
