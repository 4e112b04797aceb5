-- P3 (run-decisions.sh) and docs/scaling.md (run-nodes.sh): each request asks for one decision about
-- a random one of SUBJECTS people seeded with consent, by phone number (PHONE_BASE + FIRST + n,
-- n < SUBJECTS; StorageBench numbers them from 17000000000 + 0, grants.lua with one thread from
-- 15000000000 + 1), so the identifier is hashed and looked up on every request as a real caller's
-- would be. 200s with "allowed":true are counted apart, so that a node that does not know the
-- subjects (its index not following) shows up as fewer allowed, not as throughput.
-- env: OPENCPM_KEY (an integrator or admin API key), SUBJECTS (how many were seeded),
--      PHONE_BASE (default 17000000000), FIRST (default 0)

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  ok = 0
  allowed = 0
  other = 0
  subjects = tonumber(os.getenv("SUBJECTS") or "20000")
  first = tonumber(os.getenv("PHONE_BASE") or "17000000000") + tonumber(os.getenv("FIRST") or "0")
  math.randomseed(os.time() + id * 7919)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("OPENCPM_KEY")
end

function request()
  local phone = first + math.random(0, subjects - 1)
  local body = '{"subject":{"identifiers":[{"type":"phone","value":"' .. string.format("%.0f", phone) ..
      '"}]},"purpose":"bench-marketing","channel":"sms"}'
  return wrk.format(nil, "/api/v1/decisions", nil, body)
end

function response(status, headers, body)
  if status == 200 then
    ok = ok + 1
    if string.find(body, '"allowed":true', 1, true) then
      allowed = allowed + 1
    end
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local o, a, x = 0, 0, 0
  for _, t in ipairs(threads) do
    o = o + t:get("ok")
    a = a + t:get("allowed")
    x = x + t:get("other")
  end
  io.write(string.format("decisions_200=%d allowed=%d other=%d throughput=%.0f/s p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms\n",
      o, a, x, o / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(90) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000))
end
