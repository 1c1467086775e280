-- POST /api/v1/analyze with the example scenario (path in SCENARIO_FILE).
local file = assert(io.open(os.getenv("SCENARIO_FILE"), "r"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
