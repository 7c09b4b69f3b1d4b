# Sourced by scripts/bench-vs-keycloak.sh and scripts/measure-startup.sh (run from the repository's
# root): the keys their loads use, on a Gatehouse at $base whose first admin is admin@gatehouse.local.
# gatehouse_bench_keys PASSWORD NAME signs in as that admin and creates an organization and a project
# named NAME, and sets verify_key (a key to verify), caller_key (a key allowed to verify) and
# project_key (the project's key, exchanged for tokens).
gh_post() { curl -fsS -X POST "$base$1" -H 'Content-Type: application/json' -H "Authorization: Bearer $3" -d "$2"; }
gatehouse_bench_keys() {
  local token org project
  token=$(curl -fsS "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"admin@gatehouse.local\",\"password\":\"$1\"}" | jq -r .data.token)
  org=$(gh_post /api/v1/organizations "{\"name\":\"$2\"}" "$token" | jq -r .data.id)
  verify_key=$(gh_post /api/v1/api-keys "{\"organization_id\":\"$org\",\"name\":\"verified\",\"scopes\":[\"projects:read\"]}" "$token" | jq -r .data.key)
  caller_key=$(gh_post /api/v1/api-keys "{\"organization_id\":\"$org\",\"name\":\"verifier\",\"scopes\":[\"api-keys:verify\"]}" "$token" | jq -r .data.key)
  project=$(gh_post /api/v1/projects "{\"organization_id\":\"$org\",\"name\":\"$2\"}" "$token" | jq -r .data.id)
  project_key=$(gh_post "/api/v1/projects/$project/api-keys" '{"name":"exchange","environment":"production"}' "$token" | jq -r .data.key)
}
