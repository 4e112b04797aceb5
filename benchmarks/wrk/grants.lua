-- P5: each request grants consent for a phone number no other request uses.
-- Every thread counts its 201s (committed, in the audit chain) and its other answers.
-- env: OPENCPM_KEY (an integrator or admin API key), PHONE_BASE (first phone number, default 15000000000),
--      EVIDENCE=1 to send evidence (ip, user agent) as a real collection point does: sealed under each
--      person's own key since issue 11 (ADR 0010), so the cost of that sealing is in the figure

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  created = 0
  other = 0
  local base = tonumber(os.getenv("PHONE_BASE") or "15000000000")
  -- 10 million numbers per thread, so threads never meet
  next_phone = base + id * 10000000
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("OPENCPM_KEY")
end

local evidence = ""
if os.getenv("EVIDENCE") == "1" then
  evidence = ',"evidence":{"ip":"203.0.113.7","userAgent":"Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) MicroMessenger/8.0"}'
end

function request()
  next_phone = next_phone + 1
  local body = '{"subject":{"identifiers":[{"type":"phone","value":"' .. string.format("%.0f", next_phone) ..
      '"}]},"purpose":"bench-marketing","action":"grant","notice":{"code":"bench-policy","version":"1"},' ..
      '"channel":"app","method":"checkbox"' .. evidence .. '}'
  return wrk.format(nil, "/api/v1/consents", nil, body)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local c, o = 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    o = o + t:get("other")
  end
  io.write(string.format("grants_201=%d other=%d throughput=%.0f/s p50=%.2fms p99=%.2fms\n",
      c, o, c / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
