"""wrk as the benchmarks' load client, with a Lua script that picks a token and a body per request.

wrk is C and runs one thread per core: a Python client would eat the CPU it measures. The script
counts answers by status (the expected success, 409, anything else) and prints one RESULT line that
`run_wrk` reads back, with the first unexpected answer so that a failing run says why. Given a
`key_prefix`, every POST carries an `Idempotency-Key` of its own (prefix, thread, count), as the API
asks of a client that may retry. Given `replays` (token, key, body), every POST sends one of those
again: a client retrying a request that had already succeeded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

LUA = """
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + tid * 7919)
  ok, conflict, bad, sent = 0, 0, 0, 0
  first_bad = ""
end

function request()
  if method == "GET" then
    return wrk.format("GET", path, {["Accept"] = "application/json"})
  end
  if #replays > 0 then
    local r = replays[math.random(#replays)]
    return wrk.format("POST", path, {
      ["Authorization"] = "Token " .. r[1], ["Content-Type"] = "application/json",
      ["Accept"] = "application/json", ["Idempotency-Key"] = r[2],
    }, r[3])
  end
  local headers = {
    ["Authorization"] = "Token " .. tokens[math.random(#tokens)],
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/json",
  }
  if key_prefix ~= "" then
    sent = sent + 1
    headers["Idempotency-Key"] = key_prefix .. "-" .. tid .. "-" .. sent
  end
  return wrk.format("POST", path, headers, bodies[math.random(#bodies)])
end

function response(status, headers, body)
  if status == success then
    ok = ok + 1
  elseif status == 409 then
    conflict = conflict + 1
  else
    bad = bad + 1
    if first_bad == "" then first_bad = status .. " " .. string.sub(body or "", 1, 300) end
  end
end

function done(summary, latency, requests)
  local o, c, b, first = 0, 0, 0, ""
  for _, thread in ipairs(threads) do
    o = o + thread:get("ok")
    c = c + thread:get("conflict")
    b = b + thread:get("bad")
    if first == "" then first = thread:get("first_bad") end
  end
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d %d %d %d %d %d\\n", summary.requests, o, c, b,
    e.connect + e.read + e.write + e.timeout, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean, latency.max))
  if first ~= "" then io.write("FIRST_BAD " .. first:gsub("\\n", " ") .. "\\n") end
end
"""


def lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def lua_script(
    *,
    method: str,
    path: str,
    success: int,
    tokens: list[str],
    bodies: list[str],
    key_prefix: str = "",
    replays: list[tuple[str, str, str]] = (),
) -> str:
    """`key_prefix` must differ between the runs against one database: keys are unique per buyer."""
    return "\n".join(
        [
            "replays = {" + ",\n".join("{" + ", ".join(map(lua_string, r)) + "}" for r in replays) + "}",
            f"method = {lua_string(method)}",
            f"key_prefix = {lua_string(key_prefix)}",
            f"path = {lua_string(path)}",
            f"success = {success}",
            "tokens = {" + ",\n".join(lua_string(t) for t in tokens) + "}",
            "bodies = {" + ",\n".join(lua_string(b) for b in bodies) + "}",
            LUA,
        ]
    )


def need_wrk() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: run `make bench-deps` (apt-get install wrk haproxy pgbouncer)")


def run_wrk(script: str, *, port: int, threads: int, connections: int, seconds: float) -> dict:
    """Run `script` against 127.0.0.1:`port`; requests, answers by kind, req/s and latency in ms."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
    try:
        command = [
            "wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s",
            "--timeout", "10s", "-s", f.name, f"http://127.0.0.1:{port}",
        ]  # fmt: skip
        out = subprocess.run(command, capture_output=True, text=True, check=True)
    finally:
        os.unlink(f.name)
    lines = out.stdout.splitlines()
    fields = next(line for line in lines if line.startswith("RESULT")).split()[1:]
    values = [int(float(x)) for x in fields]
    requests, ok, conflict, bad, socket_errors, duration_us, p50, p95, p99, mean, worst = values
    seconds = duration_us / 1e6
    return {
        "requests": requests,
        "ok": ok,
        "conflict": conflict,
        "errors": bad + socket_errors,
        "first_bad": next((line[10:] for line in lines if line.startswith("FIRST_BAD ")), ""),
        "seconds": seconds,
        "rps": requests / seconds,
        "ok_per_s": ok / seconds,
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "p99": p99 / 1000,
        "mean": mean / 1000,
        "max": worst / 1000,
    }
