package dev.gatehouse.core.keys;

import dev.gatehouse.core.shared.ApiKeyId;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.ProjectId;

import java.util.List;
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

    /** Replaces the stored key with the same id (status, revocation time). */
    void update(ApiKey key);

    /**
     * @param project only this project's keys; organization-wide keys only when null
     */
    Page<ApiKey> list(OrganizationId organization, ProjectId project, ListQuery query);

    /** Every key of the project (for purging). */
    List<ApiKey> ofProject(ProjectId project);

    /** @return how many keys of the project were removed */
    int removeAllOf(ProjectId project);
}
