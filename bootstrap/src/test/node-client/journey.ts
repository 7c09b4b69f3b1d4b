// The product journey through a client generated from the served OpenAPI document (openapi-typescript
// types + openapi-fetch): organization -> project -> key -> verify -> token exchange -> webhook -> usage
// -> access request. Type-checked by tsc (a request or answer that does not fit the document fails the
// build), then run against a server. Usage: node build/journey.js <base URL> <admin email> <admin password>
// <webhook URL>. Prints one JSON line of what it saw; exits non-zero on the first unexpected answer.
import createClient from "openapi-fetch";
import type { paths } from "./generated/api.js";

declare const process: { argv: string[] };

const [baseUrl, adminEmail, adminPassword, webhookUrl] = process.argv.slice(2) as [string, string, string, string];

function client(token?: string) {
    return createClient<paths>({ baseUrl, headers: token ? { Authorization: `Bearer ${token}` } : {} });
}

function must<T>(step: string, answer: { data?: T; error?: unknown; response: Response }): T {
    if (answer.data === undefined) {
        throw new Error(`${step}: HTTP ${answer.response.status} ${JSON.stringify(answer.error)}`);
    }
    return answer.data;
}

async function login(email: string, password: string): Promise<string> {
    return must("login", await client().POST("/api/v1/auth/login", { body: { email, password } })).data.token;
}

const seen: Record<string, unknown> = {};
const admin = client(await login(adminEmail, adminPassword));

const org = must("create organization", await admin.POST("/api/v1/organizations", { body: { name: "Journey Inc" } })).data;
seen.organization = org.id;

const project = must("create project", await admin.POST("/api/v1/projects", {
    body: { organization_id: org.id, name: "Storefront" },
})).data;
seen.project = project.id;
seen.environments = (project.environments ?? []).map((e) => e.kind);

const issued = must("create key", await admin.POST("/api/v1/projects/{id}/api-keys", {
    params: { path: { id: project.id } },
    body: { name: "backend", environment: "development", scopes: ["projects:read"] },
})).data;
if (!issued.key || !issued.key.startsWith("sk_test_")) {
    throw new Error("create key: no sk_test_ key in " + JSON.stringify(issued));
}
seen.key_status = issued.status;

const verified = must("verify", await admin.POST("/api/v1/api-keys/verify", {
    body: { key: issued.key, scopes: ["projects:read"] },
})).data;
seen.verify = { valid: verified.valid, code: verified.code };

const exchanged = must("token exchange", await client(issued.key).POST("/api/v1/auth/token", {
    body: { expires_in: 300 },
})).data;
seen.token_type = exchanged.token_type;
seen.access_token_segments = (exchanged.access_token ?? "").split(".").length;

const hook = must("create webhook", await admin.POST("/api/v1/webhooks", {
    body: { organization_id: org.id, url: webhookUrl, events: ["project.*"] },
})).data;
seen.webhook_secret_prefix = (hook.secret ?? "").slice(0, 6);
seen.webhook_active = hook.is_active;

const usage = must("record usage", await admin.POST("/api/v1/entitlements/usage", {
    body: { organization_id: org.id, feature: "api_calls", quantity: 5 },
})).data;
seen.usage = { recorded: usage.recorded, current_usage: usage.current_usage };

// A member asks for admin on the project; a policy approves such requests by itself.
const email = `member-${Date.now()}@example.com`;
const member = must("create user", await admin.POST("/api/v1/users", {
    body: { email, password: "a long member password", name: "Member" },
})).data;
must("add member", await admin.POST("/api/v1/organizations/{id}/members", {
    params: { path: { id: org.id } },
    body: { user_id: member.id, role: "member" },
}));
must("create policy", await admin.POST("/api/v1/policies", {
    body: { organization_id: org.id, name: "on-call", resource_type: "project", auto_approve: true, max_duration_minutes: 60 },
}));
const requester = client(await login(email, "a long member password"));
const request = must("access request", await requester.POST("/api/v1/access-requests", {
    body: { resource_type: "project", resource_id: project.id, role: "admin", duration_minutes: 30, reason: "incident 7" },
})).data;
seen.access_request = request.status;

// A problem answer arrives typed as the document's Problem.
const refused = await requester.POST("/api/v1/organizations", { body: { name: "" } });
seen.problem = { status: refused.response.status, error: refused.error?.error };

console.log(JSON.stringify(seen));
