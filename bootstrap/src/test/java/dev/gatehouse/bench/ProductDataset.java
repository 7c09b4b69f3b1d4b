package dev.gatehouse.bench;

import dev.gatehouse.core.authorization.Authorizer;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.shared.Result;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The benchmark data set on the product schema ({@code gatehouse.zed}), generated deterministically:
 *
 * <ul>
 *   <li>{@code organizations} organizations {@code o<i>}, each with {@value #MEMBERS} users
 *       {@code u<i>_<m>} holding one built-in role directly on the organization: member 0 is owner,
 *       1–2 admin, 3–6 member, 7–9 viewer;</li>
 *   <li>{@value #PROJECTS} projects {@code p<i>_<j>} per organization ({@code project#organization});</li>
 *   <li>projects 0 and 1 of each organization have two environments each: {@code e<i>_<j>_prod}
 *       (marked production: {@code production@user:*} and {@code production@api_key:*}) and
 *       {@code e<i>_<j>_dev} ({@code environment#project});</li>
 *   <li>one extra user {@value #LOOKER} for lookup-resources: {@code member} of organizations
 *       0–{@value #LOOKER_ORGS}-1 (10 projects each) and direct {@code viewer} of project 0 of the next
 *       {@value #LOOKER_DIRECT} organizations: exactly {@value #LOOKER_PROJECTS} readable projects.</li>
 * </ul>
 * That is 28 relationships per organization (10 roles, 10 projects, 4 environments, 4 production
 * wildcards) plus 190 for the looker: 280,190 for 10,000 organizations, 28,190 for 1,000.
 *
 * <p>Check tuples ({@link #tuples}) pick a resource (half projects of any of the 10, half
 * environments, production or development at even odds), a permission uniformly from the 31
 * catalog permissions, and a user: 80% a member of the resource's organization (random role), 20% a
 * member of another organization. Candidates are kept until exactly half the tuples are allowed and
 * half denied; the expected answer comes from {@link PermissionCatalog}'s least role per permission,
 * plus the one asymmetry of the schema (members may write API keys of non-production environments),
 * and the benchmarks check that their evaluator agrees on every tuple before measuring.
 */
final class ProductDataset {
    static final int MEMBERS = 10;
    static final int PROJECTS = 10;
    static final int PROJECTS_WITH_ENVIRONMENTS = 2;
    static final String LOOKER = "looker";
    static final int LOOKER_ORGS = 90;
    static final int LOOKER_DIRECT = 100;
    static final int LOOKER_PROJECTS = LOOKER_ORGS * PROJECTS + LOOKER_DIRECT;
    static final PermissionCatalog.Role[] ROLES = {
            PermissionCatalog.Role.OWNER,
            PermissionCatalog.Role.ADMIN, PermissionCatalog.Role.ADMIN,
            PermissionCatalog.Role.MEMBER, PermissionCatalog.Role.MEMBER, PermissionCatalog.Role.MEMBER,
            PermissionCatalog.Role.MEMBER,
            PermissionCatalog.Role.VIEWER, PermissionCatalog.Role.VIEWER, PermissionCatalog.Role.VIEWER};
    static final List<PermissionCatalog.Entry> PERMISSIONS = PermissionCatalog.entries();

    final int organizations;

    ProductDataset(int organizations) {
        if (organizations < LOOKER_ORGS + LOOKER_DIRECT) {
            throw new IllegalArgumentException("need at least " + (LOOKER_ORGS + LOOKER_DIRECT) + " organizations");
        }
        this.organizations = organizations;
    }

    static String org(int o) {
        return "o" + o;
    }

    static String user(int o, int m) {
        return "u" + o + "_" + m;
    }

    static String project(int o, int p) {
        return "p" + o + "_" + p;
    }

    static String environment(int o, int p, boolean production) {
        return "e" + o + "_" + p + (production ? "_prod" : "_dev");
    }

    static String relation(PermissionCatalog.Role role) {
        return role.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The relationships of one organization (28). */
    List<Relationship> organization(int o) {
        List<Relationship> rs = new ArrayList<>(28);
        ObjectRef org = new ObjectRef("organization", org(o));
        for (int m = 0; m < MEMBERS; m++) {
            rs.add(Relationship.of(org, relation(ROLES[m]), SubjectRef.of("user", user(o, m))));
        }
        for (int p = 0; p < PROJECTS; p++) {
            ObjectRef project = new ObjectRef("project", project(o, p));
            rs.add(Relationship.of(project, "organization", SubjectRef.of(org)));
            if (p < PROJECTS_WITH_ENVIRONMENTS) {
                for (boolean production : new boolean[]{true, false}) {
                    ObjectRef env = new ObjectRef("environment", environment(o, p, production));
                    rs.add(Relationship.of(env, "project", SubjectRef.of(project)));
                    if (production) {
                        rs.add(Relationship.of(env, "production", SubjectRef.wildcard("user")));
                        rs.add(Relationship.of(env, "production", SubjectRef.wildcard("api_key")));
                    }
                }
            }
        }
        return rs;
    }

    /** The looker's grants (190). */
    List<Relationship> looker() {
        List<Relationship> rs = new ArrayList<>();
        SubjectRef looker = SubjectRef.of("user", LOOKER);
        for (int o = 0; o < LOOKER_ORGS; o++) {
            rs.add(Relationship.of(new ObjectRef("organization", org(o)), "member", looker));
        }
        for (int o = LOOKER_ORGS; o < LOOKER_ORGS + LOOKER_DIRECT; o++) {
            rs.add(Relationship.of(new ObjectRef("project", project(o, 0)), "viewer", looker));
        }
        return rs;
    }

    /** Writes everything through the authorizer (validated against the schema), {@code batch} at a time. */
    long load(Authorizer authorizer, int batch) {
        List<RelationshipUpdate> pending = new ArrayList<>(batch + 32);
        long written = 0;
        for (int o = 0; o < organizations; o++) {
            for (Relationship r : organization(o)) {
                pending.add(RelationshipUpdate.create(r));
            }
            if (pending.size() >= batch) {
                written += flush(authorizer, pending);
            }
        }
        for (Relationship r : looker()) {
            pending.add(RelationshipUpdate.create(r));
        }
        written += flush(authorizer, pending);
        return written;
    }

    private static int flush(Authorizer authorizer, List<RelationshipUpdate> pending) {
        int n = pending.size();
        if (n == 0) {
            return 0;
        }
        Result<?> written = authorizer.write(List.copyOf(pending));
        if (!written.isOk()) {
            throw new IllegalStateException("loading the data set failed: " + written.failure());
        }
        pending.clear();
        return n;
    }

    /** One check question, in the evaluator's and in jcasbin's terms, with the expected answer. */
    record Tuple(ObjectRef resource, String permission, SubjectRef subject, boolean expected,
                 String casbinSubject, String casbinDomain, String casbinObject) {
        @Override
        public String toString() {
            return resource + "#" + permission + "@" + subject + " expected " + expected
                    + " (casbin: " + casbinSubject + ", " + casbinDomain + ", " + casbinObject + ")";
        }
    }

    /** {@code count} tuples (even), exactly half allowed, in random order; deterministic for a seed. */
    Tuple[] tuples(int count, long seed) {
        Random random = new Random(seed);
        List<Tuple> allowed = new ArrayList<>(count / 2);
        List<Tuple> denied = new ArrayList<>(count / 2);
        while (allowed.size() < count / 2 || denied.size() < count / 2) {
            int o = random.nextInt(organizations);
            boolean environment = random.nextBoolean();
            int p = random.nextInt(environment ? PROJECTS_WITH_ENVIRONMENTS : PROJECTS);
            boolean production = environment && random.nextBoolean();
            int userOrg = o;
            if (random.nextInt(5) == 0) {
                userOrg = (o + 1 + random.nextInt(organizations - 1)) % organizations;
            }
            int m = random.nextInt(MEMBERS);
            PermissionCatalog.Entry permission = PERMISSIONS.get(random.nextInt(PERMISSIONS.size()));
            boolean expected = userOrg == o && grants(ROLES[m], permission, environment, production);
            ObjectRef resource = environment
                    ? new ObjectRef("environment", environment(o, p, production))
                    : new ObjectRef("project", project(o, p));
            String casbinObject = environment
                    ? "environment/" + (production ? "production/" : "development/") + resource.id()
                    : "project/" + resource.id();
            Tuple t = new Tuple(resource, permission.permission(), SubjectRef.of("user", user(userOrg, m)), expected,
                    user(userOrg, m), org(o), casbinObject);
            List<Tuple> bucket = expected ? allowed : denied;
            if (bucket.size() < count / 2) {
                bucket.add(t);
            }
        }
        List<Tuple> all = new ArrayList<>(allowed);
        all.addAll(denied);
        Collections.shuffle(all, random);
        return all.toArray(Tuple[]::new);
    }

    /** The mix of a tuple array, for the benchmark log. */
    static String describe(Tuple[] tuples) {
        int allowed = 0;
        int crossOrg = 0;
        int environments = 0;
        int production = 0;
        for (Tuple t : tuples) {
            allowed += t.expected() ? 1 : 0;
            crossOrg += t.casbinSubject().startsWith("u" + t.casbinDomain().substring(1) + "_") ? 0 : 1;
            environments += t.resource().type().equals("environment") ? 1 : 0;
            production += t.resource().id().endsWith("_prod") ? 1 : 0;
        }
        return tuples.length + " tuples: " + allowed + " allowed, " + (tuples.length - allowed) + " denied ("
                + crossOrg + " by a user of another organization, " + (tuples.length - allowed - crossOrg)
                + " by too small a role); " + environments + " on environments (" + production + " production), "
                + (tuples.length - environments) + " on projects";
    }

    /** What a built-in role may do on a project or environment of its organization. */
    static boolean grants(PermissionCatalog.Role role, PermissionCatalog.Entry permission,
                          boolean environment, boolean production) {
        if (role.compareTo(permission.leastRole()) >= 0) {
            return true;
        }
        // gatehouse.zed: members create API keys for non-production environments only.
        return environment && !production && role == PermissionCatalog.Role.MEMBER
                && permission.permission().equals("api_keys_write");
    }
}
