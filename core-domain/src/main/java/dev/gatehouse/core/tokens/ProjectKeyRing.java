package dev.gatehouse.core.tokens;

import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.events.Events;
import dev.gatehouse.core.events.KeyEvent;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.tenancy.projects.Project;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A project's signing keys as a ring: exactly one active key, created on first use (audited
 * {@code signing_key.created}), replaced by {@link #rotate} (audit and domain event
 * {@code signing_key.rotated}). Both run inside a write transaction; changes take the project's
 * lock, so concurrent first uses and rotations take turns.
 */
public record ProjectKeyRing(SigningKeys keys, KeySealing sealing, ActiveKeyCache activeKeys, Auditor auditor,
                             Events events, Clock clock) {
    private static final System.Logger LOG = System.getLogger(ProjectKeyRing.class.getName());

    /** The project's active key, if it has one. */
    Optional<SigningKey> active(Project project) {
        return keys.of(KeyOwner.project(project.id())).stream().filter(SigningKey::active).findFirst();
    }

    /** The project's active key, created (and audited) when it has none; the common case takes no lock. */
    SigningKey ensureActive(Caller caller, Project project) {
        Optional<SigningKey> existing = active(project);
        if (existing.isPresent()) {
            return existing.get();
        }
        keys.lock(KeyOwner.project(project.id()));
        return active(project).orElseGet(() -> {
            SigningKey created = sealing.generate(KeyOwner.project(project.id()), SigningAlgorithm.DEFAULT);
            keys.add(created);
            auditor.record(caller, "signing_key.created", "signing_key", created.id(), project.organizationId(),
                    data(project, created, null, null));
            return created;
        });
    }

    /** Retires the active key (if any) and adds a fresh active one of {@code algorithm} (null: the current one's). */
    SigningKey rotate(Caller caller, Project project, SigningAlgorithm algorithm, String reason) {
        keys.lock(KeyOwner.project(project.id()));
        Optional<SigningKey> previous = active(project);
        SigningAlgorithm chosen = algorithm != null ? algorithm
                : previous.map(SigningKey::algorithm).orElse(SigningAlgorithm.DEFAULT);
        previous.ifPresent(p -> keys.retire(p.id(), clock.instant()));
        activeKeys.invalidate(project.id());
        SigningKey created = sealing.generate(KeyOwner.project(project.id()), chosen);
        keys.add(created);
        Map<String, Object> data = data(project, created, previous.orElse(null), reason);
        auditor.record(caller, "signing_key.rotated", "signing_key", created.id(), project.organizationId(), data);
        events.record(new KeyEvent.SigningKeyRotated(project.organizationId(), data));
        return created;
    }

    /** The private key of a stored key, or empty (with a warning) when it cannot be opened (another master key, damage). */
    Optional<TokenSigner.Key> unseal(SigningKey key) {
        Optional<TokenSigner.Key> opened = sealing.signer(key);
        if (opened.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "the private key of signing key {0} ({1}) cannot be decrypted with "
                    + "this master key; it keeps verifying but signs no more", key.id(), key.owner());
        }
        return opened;
    }

    private static Map<String, Object> data(Project project, SigningKey key, SigningKey previous, String reason) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("signing_key_id", key.id().text());
        d.put("project_id", project.id().text());
        d.put("algorithm", key.algorithm().jwsName());
        if (previous != null) {
            d.put("previous_signing_key_id", previous.id().text());
        }
        if (reason != null) {
            d.put("reason", reason);
        }
        return d;
    }
}
