/**
 * Keys: signing keys for tokens (the instance's session key for now); API keys, rotation and
 * verification arrive with the keys capability.
 */
package dev.gatehouse.core.keys;
