-- wrk script: POST /api/v1/api-keys/verify with a fixed key, authenticated by a service key.
-- Environment: VERIFY_KEY (the key verified), CALLER_KEY (a key holding api-keys:verify).
-- Counts every answer that is not a 200 with code VALID and prints the count with the percentiles.
wrk.method = "POST"
wrk.body = '{"key":"' .. os.getenv("VERIFY_KEY") .. '"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("CALLER_KEY")

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  bad = 0
end

function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"code":"VALID"', 1, true) then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local wrong = 0
  for _, t in ipairs(threads) do
    wrong = wrong + t:get("bad")
  end
  io.write(string.format("answers other than 200 VALID: %d of %d\n", wrong, summary.requests))
  io.write(string.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
