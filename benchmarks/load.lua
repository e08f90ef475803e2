-- wrk script for benchmarks/load.sh.
-- With WRK_BODY_FILE set, every request is a POST of that file as JSON (an ad-hoc
-- comparison); otherwise wrk's plain GET. At the end it prints one line,
-- "RESULT {json}", with requests/s, latency percentiles and errors.

local body_file = os.getenv("WRK_BODY_FILE")
if body_file and body_file ~= "" then
  local file = assert(io.open(body_file, "rb"))
  wrk.method = "POST"
  wrk.body = file:read("*a")
  wrk.headers["Content-Type"] = "application/json"
  file:close()
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
