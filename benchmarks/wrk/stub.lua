-- P6 baseline: the CRM stub's own capacity. Every request is the same signed CloudEvent
-- (written by `SyncBench stub` into STUB_SAMPLE), so the stub does all its work: the HMAC check,
-- the JSON parse, the per-subject bookkeeping.
local dir = os.getenv("STUB_SAMPLE")

local function read(name)
  local f = assert(io.open(dir .. "/" .. name, "rb"))
  local text = f:read("*a")
  f:close()
  return text
end

wrk.method = "POST"
wrk.body = read("body.json")
wrk.headers["Content-Type"] = "application/cloudevents+json; charset=utf-8"
wrk.headers["X-OpenCPM-Timestamp"] = read("timestamp")
wrk.headers["X-OpenCPM-Signature"] = read("signature")
