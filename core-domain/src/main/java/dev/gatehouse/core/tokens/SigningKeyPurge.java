package dev.gatehouse.core.tokens;

import dev.gatehouse.core.lifecycle.Dependent;
import dev.gatehouse.core.lifecycle.Ending;
import dev.gatehouse.core.lifecycle.Scope;

/**
 * Takes a purged project's signing keys along. (A soft-deleted project keeps them for a restore; its
 * JWKS is not found meanwhile, and no token is issued for it.)
 */
public final class SigningKeyPurge implements Dependent {
    private final SigningKeys keys;

    public SigningKeyPurge(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public void end(Ending ending) {
        if (ending.purge() && ending.scope() instanceof Scope.Project p) {
            keys.removeAllOf(p.project());
        }
    }
}
