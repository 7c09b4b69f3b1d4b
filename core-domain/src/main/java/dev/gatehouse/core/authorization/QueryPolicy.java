package dev.gatehouse.core.authorization;

import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.Failure;

import java.util.Optional;

/**
 * Who may ask the authorization engine questions about arbitrary subjects (check, lookup-resources,
 * lookup-subjects). For now only platform admins (and the system): the answers reveal who may do
 * what across every organization. API keys holding a scope for these questions come with API keys.
 */
final class QueryPolicy {
    private QueryPolicy() {
    }

    static Optional<Failure> denied(Caller caller) {
        return caller.principal().platformAdmin() ? Optional.empty()
                : Optional.of(Failure.forbidden("Only platform admins may query the authorization engine."));
    }
}
