package dev.gatehouse.core.keys;

import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.shared.Quota;
import dev.gatehouse.core.lifecycle.Cascade;
import dev.gatehouse.core.lifecycle.Dependent;
import dev.gatehouse.core.lifecycle.Ending;
import dev.gatehouse.core.lifecycle.Scope;

import java.util.List;
import java.util.function.Predicate;

/**
 * The API keys' part of every lifecycle cascade (ADR 0018). Deleting an organization, a project (soft
 * delete) or an environment revokes every key beneath it that still works, with the cause as its
 * {@code revoked_reason}: each is stored as revoked, gives its {@code api_keys} slot back, loses its role
 * binding, is recorded ({@code api_key.revoked}) and announced to the other instances on commit (and
 * so is the deleted owner, which they forget too: a key issued while the deletion ran is refused by
 * its owner check), and this instance's cache forgets the scope once committed. Purging a project removes its keys' rows
 * (slots of keys still counted given back first). Users and memberships own no keys: keys belong to
 * their organization or project, so a person leaving leaves them working.
 */
public record ApiKeyCascade(ApiKeys apiKeys, KeyRevocations revocations, KeyRevoker revoker, ApiKeyCache cache,
                            Authorizer authorizer, Quota entitlements) implements Dependent {
    @Override
    public void end(Ending ending) {
        List<ApiKey> live = List.of();
        if (ending.scope() instanceof Scope.Organization o) {
            live = apiKeys.liveWithin(o.organization(), null, null);
        } else if (ending.scope() instanceof Scope.Project p) {
            live = ending.purge() ? purge(p) : apiKeys.liveWithin(p.organization(), p.project(), null);
        } else if (ending.scope() instanceof Scope.Environment e) {
            live = apiKeys.liveWithin(e.organization(), e.project(), e.environment());
        }
        for (ApiKey key : live) {
            Cascade.orRefuse(revoker.revoke(ending.caller(), key, ending.cause().wire()));
        }
        owner(ending.scope()).ifPresent(revocations::announceOwner);
    }

    /** The id of what ended, when it owns keys. */
    private static java.util.Optional<String> owner(Scope scope) {
        if (scope instanceof Scope.Organization o) {
            return java.util.Optional.of(o.organization().text());
        } else if (scope instanceof Scope.Project p) {
            return java.util.Optional.of(p.project().text());
        } else if (scope instanceof Scope.Environment e) {
            return java.util.Optional.of(e.environment().text());
        }
        return java.util.Optional.empty();
    }

    /** Gives back the slots of keys still counted, withdraws every key's relationships, removes the rows. */
    private List<ApiKey> purge(Scope.Project p) {
        List<ApiKey> all = apiKeys.ofProject(p.project());
        long counted = all.stream().filter(ApiKey::holdsPlanSlot).count();
        entitlements.release(p.organization(), Quota.API_KEYS, counted);
        for (ApiKey key : all) {
            Cascade.orRefuse(authorizer.write(KeyRelationships.withdrawals(key)));
            if (key.status() == ApiKeyStatus.ACTIVE || key.status() == ApiKeyStatus.ROTATING) {
                revocations.announce(key.hash());
            }
        }
        apiKeys.removeAllOf(p.project());
        return List.of();
    }

    @Override
    public void settled(Ending ending) {
        Scope scope = ending.scope();
        Predicate<ApiKey> beneath = scope instanceof Scope.Organization o ? k -> k.organizationId().equals(o.organization())
                : scope instanceof Scope.Project p ? k -> p.project().equals(k.projectId())
                : scope instanceof Scope.Environment e ? k -> e.environment().equals(k.environmentId())
                : null;
        if (beneath != null) {
            cache.invalidateMatching(beneath, owner(scope).map(List::of).orElse(List.of()));
        }
    }
}
