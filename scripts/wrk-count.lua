-- wrk script for scripts/measure-startup.sh: scripts/wrk-check.lua's checked request, but each thread
-- stops after WRK_REQUESTS answers (a fixed workload, whatever the machine's speed) and then creates
-- the file WRK_DONE<thread number>; wrk itself runs for its -d, so the caller interrupts it (SIGINT
-- prints the summary) once every thread's file exists.
dofile("scripts/wrk-check.lua")
local limit = tonumber(os.getenv("WRK_REQUESTS") or "10000")
local checked_setup, checked_init, checked = setup, init, response
local count = 0

function setup(thread)
  count = count + 1
  thread:set("number", count)
  checked_setup(thread)
end

function init(args)
  checked_init(args)
  answers = 0
end

function response(status, headers, body)
  checked(status, headers, body)
  answers = answers + 1
  if answers == limit then
    io.open(os.getenv("WRK_DONE") .. number, "w"):close()
    wrk.thread:stop()
  end
end
