-- wrk: looks the codes in TICKET_CODES up over /api/v1, round robin from a different start
-- per thread. At the end it prints "looked up N, not resolving M": answers that were not a
-- 200 naming one of those codes.
local list, known = {}, {}
for line in io.lines(os.getenv("TICKET_CODES")) do list[#list + 1] = line; known[line] = true end
local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end
local n = 0
lost = 0
function request()
  n = n + 1
  local code = list[((tid * 7919 + n) % #list) + 1]
  return wrk.format("GET", "/api/v1/tickets/" .. code)
end
function response(status, headers, body)
  local code = string.match(body, '"tracking_code"%s*:%s*"([^"]+)"')
  if status ~= 200 or not known[code] then lost = lost + 1 end
end
function done(summary, latency, requests)
  local l = 0
  for _, t in ipairs(threads) do l = l + t:get("lost") end
  io.write(string.format("looked up %d, not resolving %d\n", summary.requests, l))
end
