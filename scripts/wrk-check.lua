-- wrk script for scripts/bench-vs-keycloak.sh and bench-verify-http.sh: one fixed request, every answer checked.
-- Environment: WRK_METHOD (POST), WRK_BODY, WRK_CONTENT_TYPE, WRK_AUTHORIZATION (whole header value),
-- WRK_STATUS (expected status), WRK_EXPECT (text the body must contain).
-- Prints the count of unexpected answers and the latency percentiles.
wrk.method = os.getenv("WRK_METHOD") or "POST"
wrk.body = os.getenv("WRK_BODY")
wrk.headers["Content-Type"] = os.getenv("WRK_CONTENT_TYPE") or "application/json"
if os.getenv("WRK_AUTHORIZATION") then
  wrk.headers["Authorization"] = os.getenv("WRK_AUTHORIZATION")
end
local expected_status = tonumber(os.getenv("WRK_STATUS") or "200")
local expected_text = os.getenv("WRK_EXPECT") or ""

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  bad = 0
end

function response(status, headers, body)
  if status ~= expected_status or not string.find(body, expected_text, 1, true) then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local wrong = 0
  for _, t in ipairs(threads) do
    wrong = wrong + t:get("bad")
  end
  io.write(string.format("unexpected answers: %d of %d\n", wrong, summary.requests))
  local e = summary.errors
  io.write(string.format("socket errors: %d (connect %d, read %d, write %d, timeout %d)\n",
    e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout))
  io.write(string.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
