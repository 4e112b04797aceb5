-- Decisions over HTTP for docs/scaling.md (run-nodes.sh): each request asks about a random phone of
-- the SUBJECTS granted before, from PHONE_BASE + 1 on (grants.lua with one thread numbers them so).
-- Counts 200s with "allowed":true apart from other answers, so that a node that does not know the
-- subjects (its index not following) shows up as fewer allowed, not as throughput.
-- env: OPENCPM_KEY, PHONE_BASE (default 15000000000), SUBJECTS (default 1000)

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  allowed = 0
  other = 0
  base = tonumber(os.getenv("PHONE_BASE") or "15000000000")
  subjects = tonumber(os.getenv("SUBJECTS") or "1000")
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 1000)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("OPENCPM_KEY")
end

function request()
  local phone = base + math.random(1, subjects)
  local body = '{"subject":{"identifiers":[{"type":"phone","value":"' .. string.format("%.0f", phone) ..
      '"}]},"purpose":"bench-marketing","channel":"sms"}'
  return wrk.format(nil, "/api/v1/decisions", nil, body)
end

function response(status, headers, body)
  if status == 200 and string.find(body, '"allowed":true', 1, true) then
    allowed = allowed + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local a, o = 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("allowed")
    o = o + t:get("other")
  end
  io.write(string.format("decisions_allowed=%d other=%d throughput=%.0f/s p50=%.2fms p99=%.2fms\n",
      a, o, (a + o) / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
