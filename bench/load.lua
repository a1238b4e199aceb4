-- wrk script for bench/run: cycles through the request paths in the file named by PATHS (one
-- per line; "POST <path>" lines are followed by a line holding the JSON body), sends the bench
-- token, and prints the run's figures as one JSON line.
local token = os.getenv("TOKEN")
local file = os.getenv("PATHS")
local requests = {}
local i = 0
local counter = 0

local function load()
  local pending = nil
  for line in io.lines(file) do
    if pending then
      requests[#requests + 1] = { method = "POST", path = pending, body = line }
      pending = nil
    elseif line:sub(1, 5) == "POST " then
      pending = line:sub(6)
    else
      requests[#requests + 1] = { method = "GET", path = line }
    end
  end
end

function init(args)
  load()
  -- Threads start at different places of the list.
  i = math.random(#requests)
  if token and token ~= "" then
    wrk.headers["Authorization"] = "Bearer " .. token
  end
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  i = i % #requests + 1
  local r = requests[i]
  if r.method == "POST" then
    counter = counter + 1
    -- Each registration is a new one: its title carries a counter.
    local body = r.body:gsub("#N#", tostring(counter) .. "-" .. tostring(i))
    return wrk.format("POST", r.path, nil, body)
  end
  return wrk.format("GET", r.path)
end

function done(summary, latency, _)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "bytes": %d, "duration_us": %d, "non_2xx": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d, "p50_us": %d, "p99_us": %d}\n',
    summary.requests, summary.bytes, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
