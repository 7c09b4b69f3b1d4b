package dev.gatehouse.core.keys;

import dev.gatehouse.core.shared.ApiKeyId;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.ProjectId;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The API keys of every organization, found by id or by the SHA-256 hash of the secret. Lists are
 * newest first by default, sortable by {@link #SORTABLE}, filtered by status and search (name).
 */
public interface ApiKeys {
    Set<String> SORTABLE = Set.of("created_at", "name");

    void add(ApiKey key);

    Optional<ApiKey> byId(ApiKeyId id);

    Optional<ApiKey> byHash(String hash);

    /**
     * The key, locked until the transaction ends (PostgreSQL {@code SELECT … FOR UPDATE}), so that
     * concurrent revocation, rotation and expiry of one key run one after the other.
     */
    Optional<ApiKey> lockById(ApiKeyId id);

    /**
     * Replaces the stored key with the same id: status, revocation, rotation, expiry warnings,
     * name, expiry, last use.
     */
    void update(ApiKey key);

    /** Sets the last use of each key, never moving a stored time backwards; unknown ids are ignored. */
    void recordLastUsed(Map<ApiKeyId, Instant> lastUsed);

    /**
     * Active or rotating keys with something due at {@code now}: past their expiry or their rotation's
     * end, or (active keys) inside the next of the {@link ApiKey#EXPIRY_WARNINGS} not yet sent;
     * at most {@code limit}, in id order.
     */
    List<ApiKey> dueForLifecycle(Instant now, int limit);

    /**
     * @param project only this project's keys; organization-wide keys only when null
     */
    Page<ApiKey> list(OrganizationId organization, ProjectId project, ListQuery query);

    /**
     * The keys that still work (active or rotating) of the organization, narrowed to one project or one
     * environment when given, locked until the transaction ends (PostgreSQL {@code FOR UPDATE}), in id
     * order: what a lifecycle cascade revokes.
     *
     * @param project     null for every key of the organization, organization-wide ones included
     * @param environment null for every key of the project (or organization)
     */
    List<ApiKey> liveWithin(OrganizationId organization, ProjectId project, dev.gatehouse.core.shared.EnvironmentId environment);

    /** Every key of the project (for purging). */
    List<ApiKey> ofProject(ProjectId project);

    /** @return how many keys of the project were removed */
    int removeAllOf(ProjectId project);
}
