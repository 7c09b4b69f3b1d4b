/** What every feature shares: {@link dev.gatehouse.core.platform.Platform}. */
package dev.gatehouse.core.platform;
