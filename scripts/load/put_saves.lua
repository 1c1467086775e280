-- PUT saves spread over many scenarios (SAVES_FILE: one "id key" per line).
-- Each thread owns a disjoint share of them and cycles through it, so a
-- scenario is saved again only long after its previous save was answered.
-- The scenario travels in X-Request-Id, which the server echoes, so each
-- answer updates the right scenario's revision. Counts per thread feed the
-- "zero lost revisions" check done by load.sh.
local all = {}
for line in io.lines(os.getenv("SAVES_FILE")) do
  local id, key = line:match("^(%S+) (%S+)$")
  if id then all[#all + 1] = { id = id, key = key } end
end
local body_file = assert(io.open(os.getenv("SCENARIO_FILE"), "r"))
local body = body_file:read("*a")
body_file:close()

local threads = {}
local thread_count = 0
function setup(thread)
  thread:set("index", thread_count)
  thread_count = thread_count + 1
  threads[#threads + 1] = thread
end

function init(args)
  mine, revision, next_one = {}, {}, 0
  saved, conflicts, failures = 0, 0, 0
  local share = math.floor(#all / tonumber(os.getenv("WRK_THREADS")))
  for i = index * share + 1, (index + 1) * share do
    mine[#mine + 1] = i
    revision[i] = 1
  end
end

function request()
  next_one = next_one % #mine + 1
  local i = mine[next_one]
  return wrk.format("PUT", "/api/v1/scenarios/" .. all[i].id, {
    ["Authorization"] = "Bearer " .. all[i].key,
    ["If-Match"] = '"' .. revision[i] .. '"',
    ["Content-Type"] = "application/json",
    ["X-Request-Id"] = tostring(i),
  }, body)
end

function response(status, headers, body)
  local i = tonumber(headers["x-request-id"] or headers["X-Request-Id"])
  if status == 200 and i then
    revision[i] = tonumber(body:match('"revision":(%d+)'))
    saved = saved + 1
  elseif status == 409 and i then
    revision[i] = tonumber(body:match('"current_revision":(%d+)'))
    conflicts = conflicts + 1
  else
    failures = failures + 1
  end
end

function done(summary, latency, requests)
  local s, c, f = 0, 0, 0
  for _, thread in ipairs(threads) do
    s = s + thread:get("saved")
    c = c + thread:get("conflicts")
    f = f + thread:get("failures")
  end
  io.write(string.format("SAVES acknowledged=%d conflicts=%d failures=%d\n", s, c, f))
end
