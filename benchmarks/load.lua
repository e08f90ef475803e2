-- wrk script for benchmarks/load.sh.
-- With WRK_BODY_FILE set, every request is a POST of that file as JSON (an ad-hoc
-- comparison); otherwise wrk's plain GET. With WRK_VARY_MARKER set too, that marker in the
-- body is replaced in each request by a number never sent before (WRK_VARY_RUN, a token
-- load.sh makes anew for each wrk run, the wrk thread's number and a counter), so no two
-- requests are the same and nothing can be answered from a cache.
-- At the end it prints one line, "RESULT {json}", with requests/s, latency percentiles
-- and errors.

local body_file = os.getenv("WRK_BODY_FILE")
local marker = os.getenv("WRK_VARY_MARKER")
local run = os.getenv("WRK_VARY_RUN") or tostring(os.time())
local before, after
if body_file and body_file ~= "" then
  local file = assert(io.open(body_file, "rb"))
  wrk.method = "POST"
  wrk.body = file:read("*a")
  wrk.headers["Content-Type"] = "application/json"
  file:close()
  if marker and marker ~= "" then
    local first, last = string.find(wrk.body, marker, 1, true)
    assert(first, "WRK_VARY_MARKER is not in the body")
    before, after = string.sub(wrk.body, 1, first - 1), string.sub(wrk.body, last + 1)
  end
end

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

-- Defined only when varying: without a request function wrk sends its one prepared request,
-- which costs it less CPU (it shares the cores with the server).
if before then
  local sent = 0
  function request()
    sent = sent + 1
    return wrk.format(nil, nil, nil, before .. run .. "-" .. thread_number .. "-" .. sent .. after)
  end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %.3f, "requests_per_second": %.1f, '
      .. '"p50_ms": %.3f, "p90_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f, '
      .. '"errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d, "http_4xx_5xx": %d}}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000,
    errors.connect, errors.read, errors.write, errors.timeout, errors.status))
end
