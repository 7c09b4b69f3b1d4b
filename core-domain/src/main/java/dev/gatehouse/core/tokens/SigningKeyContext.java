package dev.gatehouse.core.tokens;

import dev.gatehouse.core.audit.Auditor;
import dev.gatehouse.core.authorization.AccessControl;
import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.events.Events;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.SigningKeyId;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.crypto.SecretSealer;
import dev.gatehouse.core.tenancy.projects.Project;
import dev.gatehouse.core.tenancy.projects.Projects;

import java.security.KeyPair;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the signing-key and token use cases share: their ports, the sealer of private keys, the
 * signer, the token issuer ({@code iss}) and the key ring operations (ensure an active key, rotate),
 * which must run inside a write transaction.
 */
public record SigningKeyContext(ProjectSigningKeys keys, Projects projects, Authorizer authorizer, Auditor auditor,
                                Events events, Transactions tx, Clock clock, IdGenerator ids, SecretSealer sealer,
                                TokenSigner signer, String issuer, ActiveKeyCache activeKeys) {
    private static final System.Logger LOG = System.getLogger(SigningKeyContext.class.getName());

    public SigningKeyContext(ProjectSigningKeys keys, Projects projects, Authorizer authorizer, Auditor auditor,
                             Events events, Transactions tx, Clock clock, IdGenerator ids, SecretSealer sealer,
                             TokenSigner signer, String issuer) {
        this(keys, projects, authorizer, auditor, events, tx, clock, ids, sealer, signer, issuer, new ActiveKeyCache());
    }

    public SigningKeyContext {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(projects, "projects");
        Objects.requireNonNull(authorizer, "authorizer");
        Objects.requireNonNull(auditor, "auditor");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(tx, "tx");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(sealer, "sealer");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(activeKeys, "activeKeys");
    }

    AccessControl access() {
        return new AccessControl(authorizer);
    }

    /** The project when it exists and is not deleted. */
    Optional<Project> liveProject(dev.gatehouse.core.shared.ProjectId id) {
        return projects.byId(id).filter(p -> !p.deleted());
    }

    /**
     * The project's active key, created (and audited) when it has none. In a write transaction; the
     * common case (a key exists) reads without taking the project's lock.
     */
    ProjectSigningKey ensureActive(Caller caller, Project project) {
        Optional<ProjectSigningKey> existing = keys.active(project.id());
        if (existing.isPresent()) {
            return existing.get();
        }
        keys.lock(project.id());
        return keys.active(project.id()).orElseGet(() -> {
            ProjectSigningKey created = generate(project, SigningAlgorithm.DEFAULT);
            keys.add(created);
            auditor.record(caller, "signing_key.created", "signing_key", created.id(), project.organizationId(),
                    data(created, null, null));
            return created;
        });
    }

    /** Retires the active key (if any) and adds a fresh active one. In a write transaction. */
    ProjectSigningKey rotate(Caller caller, Project project, SigningAlgorithm algorithm, String reason) {
        keys.lock(project.id());
        Optional<ProjectSigningKey> previous = keys.active(project.id());
        SigningAlgorithm chosen = algorithm != null ? algorithm
                : previous.map(ProjectSigningKey::algorithm).orElse(SigningAlgorithm.DEFAULT);
        previous.ifPresent(p -> keys.retire(p.id(), clock.instant()));
        activeKeys.invalidate(project.id());
        ProjectSigningKey created = generate(project, chosen);
        keys.add(created);
        Map<String, Object> data = data(created, previous.orElse(null), reason);
        auditor.record(caller, "signing_key.rotated", "signing_key", created.id(), project.organizationId(), data);
        events.record(new dev.gatehouse.core.events.KeyEvent.SigningKeyRotated(project.organizationId(), data));
        return created;
    }

    /** The private key of a stored key, or empty when it cannot be opened (another master key, damage). */
    Optional<TokenSigner.Key> unseal(ProjectSigningKey key) {
        Optional<byte[]> pkcs8 = sealer.open(key.sealedPrivateKey(), key.id().text());
        if (pkcs8.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "the private key of signing key {0} (project {1}) cannot be decrypted with "
                    + "this master key; it keeps verifying but signs no more", key.id(), key.projectId());
        }
        return pkcs8.map(bytes -> new TokenSigner.Key(key.id().text(), key.algorithm(), bytes));
    }

    private ProjectSigningKey generate(Project project, SigningAlgorithm algorithm) {
        KeyPair pair = algorithm.generate();
        SigningKeyId id = new SigningKeyId(ids.newId());
        byte[] sealed = sealer.seal(pair.getPrivate().getEncoded(), id.text());
        return new ProjectSigningKey(id, project.id(), algorithm, pair.getPublic().getEncoded(), sealed, clock.instant(), null);
    }

    static Map<String, Object> data(ProjectSigningKey key, ProjectSigningKey previous, String reason) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("signing_key_id", key.id().text());
        d.put("project_id", key.projectId().text());
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
