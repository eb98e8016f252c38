-- wrk: files tickets over /api/v1 (a new citizen each) and keeps the codes returned.
-- Env: TICKET_CATEGORY (a category id), TICKET_CODES (the file the codes are written to).
-- At the end it prints "created N, refused or unreadable M" and the first refusal.
local category = os.getenv("TICKET_CATEGORY") or "1"
local threads = {}
function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end
local n = 0
codes = {}
failed = 0
first_failure = ""
function request()
  n = n + 1
  local i = string.format("%d%06d", tid, n)
  local body = '{"name":"شهروند بار ' .. i .. '","mobile":"0912' ..
    string.sub(string.format("%07d", tid * 1000000 + n), -7) ..
    '","category":' .. category .. ',"subject":"تیکت آزمون بار ' .. i ..
    '","body":"متن تیکت آزمون بار شماره ' .. i .. ' برای سنجش سامانه."}'
  return wrk.format("POST", "/api/v1/tickets", { ["Content-Type"] = "application/json" }, body)
end
function response(status, headers, body)
  local code = status == 201 and string.match(body, '"tracking_code"%s*:%s*"([^"]+)"')
  if code then
    codes[#codes + 1] = code
  else
    failed = failed + 1
    if first_failure == "" then first_failure = status .. " " .. string.sub(body, 1, 300) end
  end
end
function done(summary, latency, requests)
  local out = io.open(os.getenv("TICKET_CODES"), "w")
  local total, bad, first = 0, 0, ""
  for _, t in ipairs(threads) do
    bad = bad + t:get("failed")
    if first == "" then first = t:get("first_failure") end
    for _, c in ipairs(t:get("codes")) do out:write(c, "\n"); total = total + 1 end
  end
  out:close()
  io.write(string.format("created %d, refused or unreadable %d\n", total, bad))
  if first ~= "" then io.write("first refusal: ", first, "\n") end
end
