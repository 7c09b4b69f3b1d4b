/**
 * SpiceDB's caveats (CEL expressions over typed parameters) for core's
 * {@link dev.gatehouse.core.authorization.CaveatEvaluator} port, over Google's CEL-Java. The only
 * public type is the factory {@link dev.gatehouse.spicedb.caveats.CelCaveats}.
 */
package dev.gatehouse.spicedb.caveats;
