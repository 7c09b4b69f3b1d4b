/**
 * The shared kernel: typed ids ({@code org_…} TypeID text form over UUIDv7), the result/failure type,
 * paging and list filters, the principal and call origin, and the ports every feature uses for
 * time-independent infrastructure: {@link dev.gatehouse.core.shared.Transactions} and
 * {@link dev.gatehouse.core.shared.IdGenerator}. Time comes from an injected {@link java.time.Clock}.
 */
package dev.gatehouse.core.shared;
