// Usage: node verify.mjs <jwks-url> <issuer> <token>...
// Verifies each token with jose against the remote JWKS and prints one JSON line per token:
// {"ok":true,"header":{…},"payload":{…}} or {"ok":false,"code":"ERR_…","message":"…"}.
import { createRemoteJWKSet, jwtVerify } from 'jose';

const [jwksUrl, issuer, ...tokens] = process.argv.slice(2);
const jwks = createRemoteJWKSet(new URL(jwksUrl), { cacheMaxAge: 0, cooldownDuration: 0 });
for (const token of tokens) {
  try {
    const { payload, protectedHeader } = await jwtVerify(token, jwks, {
      issuer,
      algorithms: ['EdDSA', 'ES256'],
      typ: 'JWT',
    });
    console.log(JSON.stringify({ ok: true, header: protectedHeader, payload }));
  } catch (e) {
    console.log(JSON.stringify({ ok: false, code: e.code ?? 'ERR', message: String(e.message) }));
  }
}
