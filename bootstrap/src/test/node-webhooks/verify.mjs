// Verifies captured webhook deliveries with the standardwebhooks package.
// Usage: node verify.mjs <input.json>
// input: {"secrets": ["whsec_…", …], "deliveries": [{"headers": {"webhook-id": …, "webhook-timestamp": …,
//          "webhook-signature": …}, "body": "…"}, …]}
// Prints one JSON line per delivery: {"id": …, "verified": [true|false per secret], "errors": [message|null per secret]}
import { readFileSync } from "node:fs";
import { Webhook } from "standardwebhooks";

const input = JSON.parse(readFileSync(process.argv[2], "utf8"));
for (const d of input.deliveries) {
  const verified = [];
  const errors = [];
  for (const secret of input.secrets) {
    try {
      const payload = new Webhook(secret).verify(d.body, d.headers);
      verified.push(typeof payload === "object" && payload !== null && typeof payload.type === "string");
      errors.push(null);
    } catch (e) {
      verified.push(false);
      errors.push(String(e && e.message ? e.message : e));
    }
  }
  process.stdout.write(JSON.stringify({ id: d.headers["webhook-id"], verified, errors }) + "\n");
}
