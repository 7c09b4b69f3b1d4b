/** Planted architecture violations: each rule in ArchitectureRules must fire on one of these. */
package dev.gatehouse.archfixture;
