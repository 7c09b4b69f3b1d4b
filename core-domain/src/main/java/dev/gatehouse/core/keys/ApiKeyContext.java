package dev.gatehouse.core.keys;

import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.authorization.AccessControl;
import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.events.Events;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.tenancy.Organizations;
import dev.gatehouse.core.tenancy.projects.Environments;
import dev.gatehouse.core.tenancy.projects.Projects;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** What the API key use cases share: their ports, the cache, the revocation announcer and the relationship helpers. */
public record ApiKeyContext(ApiKeys apiKeys, Organizations organizations, Projects projects, Environments environments,
                            Authorizer authorizer, Auditor auditor, Events events, Transactions tx, Clock clock,
                            IdGenerator ids, ApiKeyCache cache, KeyRevocations revocations, LastUsedRecorder lastUsed) {
    public ApiKeyContext {
        Objects.requireNonNull(apiKeys, "apiKeys");
        Objects.requireNonNull(organizations, "organizations");
        Objects.requireNonNull(projects, "projects");
        Objects.requireNonNull(environments, "environments");
        Objects.requireNonNull(authorizer, "authorizer");
        Objects.requireNonNull(auditor, "auditor");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(tx, "tx");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(revocations, "revocations");
        Objects.requireNonNull(lastUsed, "lastUsed");
    }

    AccessControl access() {
        return new AccessControl(authorizer);
    }

    /** Where the key's role binding is attached: its environment, or its organization. */
    static ObjectRef owner(ApiKey k) {
        return k.environment().map(e -> new ObjectRef("environment", e.text()))
                .orElseGet(() -> new ObjectRef("organization", k.organizationId().text()));
    }

    /**
     * Where a key's rights are asked: where it is bound, or, for a key whose environment was deleted
     * (the key is revoked with it), its project, as the project's key list shows it.
     */
    ObjectRef where(ApiKey k) {
        return k.environment().filter(e -> environments().byId(e).isEmpty())
                .map(e -> new ObjectRef("project", k.projectId().text()))
                .orElseGet(() -> owner(k));
    }

    /**
     * The per-key role ({@code role:key_…} with each scope's permission set to {@code api_key:*}), the
     * binding giving it to the key, and the binding's attachment to the key's owner.
     */
    static List<Relationship> relationshipsOf(ApiKey k) {
        ObjectRef role = new ObjectRef("role", k.id().text());
        ObjectRef binding = new ObjectRef("role_binding", k.id().text());
        List<Relationship> out = new ArrayList<>();
        for (String scope : k.scopes()) {
            String permission = PermissionCatalog.byScope(scope).orElseThrow().permission();
            out.add(Relationship.of(role, permission, SubjectRef.wildcard("api_key")));
        }
        out.add(Relationship.of(binding, "role", SubjectRef.of(role)));
        out.add(Relationship.of(binding, "subject", SubjectRef.of("api_key", k.id().text())));
        out.add(Relationship.of(owner(k), "binding", SubjectRef.of(binding)));
        return out;
    }

    static List<RelationshipUpdate> grants(ApiKey k) {
        return relationshipsOf(k).stream().map(RelationshipUpdate::touch).toList();
    }

    static List<RelationshipUpdate> withdrawals(ApiKey k) {
        return relationshipsOf(k).stream().map(RelationshipUpdate::delete).toList();
    }

    /**
     * The stored key for a presented secret: cache, else storage by hash; the stored hash is compared
     * with the computed one in constant time.
     */
    Optional<ApiKey> lookup(ApiKeySecret secret) {
        String hash = secret.hash();
        return cache.get(hash, () -> tx.readOnly(() -> apiKeys.byHash(hash)))
                .filter(k -> MessageDigest.isEqual(k.hash().getBytes(StandardCharsets.US_ASCII),
                        hash.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * Whether the key's environment is gone, or its project or organization deleted. Deleting them
     * revokes their keys in the same transaction (ADR 0018); this backs that up for a key issued
     * concurrently with the deletion. Read through the cache (dropped on this instance when the
     * deletion commits; elsewhere within its TTL).
     */
    boolean disabled(ApiKey k) {
        return k.environment().map(e -> cache.ownerDisabled(e.text(),
                        () -> tx.readOnly(() -> environments.byId(e)).isEmpty())).orElse(false)
                || k.project().map(p -> cache.ownerDisabled(p.text(),
                        () -> tx.readOnly(() -> projects.byId(p)).map(pr -> pr.deleted()).orElse(true))).orElse(false)
                || cache.ownerDisabled(k.organizationId().text(), // readers never see a deleted organization
                () -> tx.readOnly(() -> organizations.byId(k.organizationId())).map(o -> o.isDeleted()).orElse(true));
    }

    /**
     * Revokes a live key locked by the caller's transaction, for {@code reason}: the row is marked revoked,
     * its {@code api_keys} slot given back (unless a rotation already passed it on), its role binding
     * withdrawn, audit and event {@code api_key.revoked} (with the reason) recorded and the revocation
     * announced to the other instances on commit. The caller drops this instance's cache entry after the
     * commit. A failed relationship write fails it (the caller rolls back).
     */
    Result<ApiKey> revoke(Caller caller, ApiKey key, String reason, dev.gatehouse.core.entitlements.Entitlements entitlements) {
        ApiKey revoked = key.revoked(clock.instant(), reason);
        apiKeys.update(revoked);
        if (key.holdsPlanSlot()) { // a rotating key's slot already passed to its successor
            entitlements.release(key.organizationId(), dev.gatehouse.core.entitlements.Feature.API_KEYS, 1);
        }
        var withdrawn = authorizer.write(withdrawals(key));
        if (!withdrawn.isOk()) {
            return Result.fail(withdrawn.failure());
        }
        Map<String, Object> d = data(revoked);
        d.put("reason", reason);
        auditor.record(caller, "api_key.revoked", "api_key", key.id(), key.organizationId(), d);
        events.record(new dev.gatehouse.core.events.KeyEvent.ApiKeyRevoked(key.organizationId(), d));
        revocations.announce(key.hash());
        return Result.ok(revoked);
    }

    /** The first requested scope the caller does not hold on the resource, as a 403 naming it. */
    Optional<Failure> escalation(Caller caller, ObjectRef resource, Set<String> scopes) {
        if (caller.principal().platformAdmin()) {
            return Optional.empty();
        }
        var subject = AccessControl.subject(caller.principal());
        if (subject.isEmpty()) {
            return Optional.of(Failure.forbidden("Anonymous callers issue no keys."));
        }
        for (String scope : scopes) {
            String permission = PermissionCatalog.byScope(scope).orElseThrow().permission();
            var held = authorizer.check(resource, permission, subject.get());
            if (!held.isOk()) {
                return Optional.of(held.failure());
            }
            if (held.value() != Permissionship.HAS_PERMISSION) {
                return Optional.of(Failure.forbidden("You cannot grant the " + scope + " scope: you do not hold it here.")
                        .withDetail("required_scope", scope));
            }
        }
        return Optional.empty();
    }

    /**
     * A new key's scopes the caller does not hold on the key's resource, as 422 naming them all in
     * {@code errors.scopes} (a key never carries more than its creator holds there); an authorizer
     * failure as itself.
     */
    Optional<Failure> unheld(Caller caller, ObjectRef resource, Set<String> scopes) {
        if (caller.principal().platformAdmin()) {
            return Optional.empty();
        }
        var subject = AccessControl.subject(caller.principal());
        if (subject.isEmpty()) {
            return Optional.of(Failure.forbidden("Anonymous callers issue no keys."));
        }
        List<String> missing = new ArrayList<>();
        for (String scope : scopes) {
            String permission = PermissionCatalog.byScope(scope).orElseThrow().permission();
            var held = authorizer.check(resource, permission, subject.get());
            if (!held.isOk()) {
                return Optional.of(held.failure());
            }
            if (held.value() != Permissionship.HAS_PERMISSION) {
                missing.add(scope);
            }
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of(Failure.invalid("scopes",
                "you do not hold these scopes on the key's " + resource.type() + ": " + String.join(", ", missing)));
    }

    static Map<String, Object> data(ApiKey k) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("api_key_id", k.id().text());
        d.put("organization_id", k.organizationId().text());
        k.project().ifPresent(p -> d.put("project_id", p.text()));
        k.environment().ifPresent(e -> d.put("environment_id", e.text()));
        d.put("name", k.name());
        d.put("prefix", k.prefix());
        d.put("scopes", List.copyOf(k.scopes()));
        k.expiry().ifPresent(e -> d.put("expires_at", e.toString()));
        d.put("status", k.status().wire());
        return d;
    }
}
