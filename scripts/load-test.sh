#!/usr/bin/env bash
# Load test, one command: builds Release, starts the API on 127.0.0.1 at a free port (Production
# environment, the per-client rate limiter off), waits for /health, runs tools/CalcApi.LoadTest (mixed
# requests on every endpoint, some deliberately bad, 64 connections, 30 s after a 10 s warm-up), then
# reads the server's memory from /proc, stops it with SIGTERM and checks it exits cleanly.
#
#   scripts/load-test.sh                                  # 64 connections, 30 s
#   scripts/load-test.sh --duration 10s --connections 16 --warmup 1s --rss-limit-mb 512
#   scripts/load-test.sh --by-request                     # other options go to the load client
#   scripts/load-test.sh --duration 20s --heavy-connections 16   # cheap mix on 64 connections while 16 send heavy
#                                                         # requests (refused for size, or run to their budget)
#   LOAD_DURATION=10s LOAD_CONNECTIONS=16 LOAD_WARMUP=1s LOAD_RSS_LIMIT_MB=512 scripts/load-test.sh
#
# Exits non-zero on any error of the load client (a 5xx, an unexpected 4xx, a timeout, a connection
# failure, a wrong body), on a "fail" line in the server's log, on memory over the bound, or
# when the server does not stop cleanly. Needs only the .NET SDK and Linux's /proc. Every request goes
# to 127.0.0.1; the client stops by itself after the warm-up and the duration.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

duration=${LOAD_DURATION:-30s}
connections=${LOAD_CONNECTIONS:-64}
# 10 s of warm-up: the runtime's tiered compilation recompiles the hot methods with optimisations while
# the first seconds of load run, on the same two cores; measured from 2 s the cheap requests' p99 was
# 52-63 ms at 3,000-3,400 requests/s, from 10 s 44-47 ms at 4,000 (the steady state a server runs in).
warmup=${LOAD_WARMUP:-10s}
# The bound on the server's memory: its resident set after the run (VmRSS) and at its peak (VmHWM).
# Measured on 2 cores (server GC, one heap per core): 123 MB resident and a 136 MB peak after 90 s at
# 64 connections (800,000 requests), 82 MB before the load; the bound leaves room for more cores.
rss_limit_mb=${LOAD_RSS_LIMIT_MB:-512}
startup_timeout_s=60

client_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --duration|-d) duration=$2; shift 2 ;;
    --duration=*) duration=${1#*=}; shift ;;
    --connections|-c) connections=$2; shift 2 ;;
    --connections=*) connections=${1#*=}; shift ;;
    --warmup) warmup=$2; shift 2 ;;
    --warmup=*) warmup=${1#*=}; shift ;;
    --rss-limit-mb) rss_limit_mb=$2; shift 2 ;;
    --rss-limit-mb=*) rss_limit_mb=${1#*=}; shift ;;
    --url|--url=*) echo "load-test.sh starts its own server; run tools/CalcApi.LoadTest directly to test another one." >&2; exit 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) client_args+=("$1"); shift ;;
  esac
done

if [ ! -r /proc/self/status ]; then
  echo "load-test.sh reads the server's memory from /proc/<pid>/status, which this system does not have." >&2
  exit 2
fi

echo "== Building (Release)"
dotnet build api/CalcApi.Api.csproj -c Release -nologo -v quiet
dotnet build tools/CalcApi.LoadTest/CalcApi.LoadTest.csproj -c Release -nologo -v quiet
client_dll=tools/CalcApi.LoadTest/bin/Release/net10.0/CalcApi.LoadTest.dll

work=$(mktemp -d)
server_log=$work/server.log
server_pid=
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$server_pid" 2>/dev/null && kill -KILL "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== Starting the API on 127.0.0.1 (a free port), Production environment"
echo "   RateLimiting__PermitsPerMinute=0: the per-client rate limiter is off, since every request of the"
echo "   load test comes from one address and would otherwise be throttled (429s, counted as errors)."
# Port 0: Kestrel takes a free port and logs it ("Now listening on: ..."). The server runs with api/ as
# its content root (appsettings.json, wwwroot), as `dotnet run` would, but straight through the dotnet
# host, so $! is the server's own process and /proc/$!/status its memory.
(
  cd api
  export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production
  export RateLimiting__PermitsPerMinute=0
  export ASPNETCORE_URLS=http://127.0.0.1:0
  export Logging__Console__FormatterName=simple Logging__Console__FormatterOptions__SingleLine=true
  # The "Now listening on" line (a name with dots, which `export` cannot set).
  exec env 'Logging__LogLevel__Microsoft.Hosting.Lifetime=Information' dotnet "bin/Release/net10.0/CalcApi.Api.dll"
) >"$server_log" 2>&1 &
server_pid=$!

url=
for _ in $(seq 1 $((startup_timeout_s * 10))); do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "The server exited while starting:" >&2
    tail -n 50 "$server_log" >&2
    exit 1
  fi
  url=$(grep -oE 'Now listening on: http://127\.0\.0\.1:[0-9]+' "$server_log" | head -n 1 | sed 's/^Now listening on: //' || true)
  if [ -n "$url" ]; then
    break
  fi
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "The server did not say where it listens within ${startup_timeout_s} s:" >&2
  tail -n 50 "$server_log" >&2
  exit 1
fi
echo "   pid $server_pid, $url"

status_kb() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$server_pid/status"; }
memory() { echo "VmRSS $(($(status_kb VmRSS) / 1024)) MB, VmHWM $(($(status_kb VmHWM) / 1024)) MB"; }

# Wait for GET /health to answer 200, through bash's own /dev/tcp (no curl needed).
port=${url##*:}
health() {
  timeout 5 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" && printf "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" >&3 && head -n 1 <&3' _ "$port" 2>/dev/null \
    | grep -q ' 200 '
}
ready=
for _ in $(seq 1 $((startup_timeout_s * 10))); do
  if health; then
    ready=1
    break
  fi
  sleep 0.1
done
if [ -z "$ready" ]; then
  echo "The server did not answer GET /health within ${startup_timeout_s} s:" >&2
  tail -n 50 "$server_log" >&2
  exit 1
fi
echo "   ready; memory before the load: $(memory)"

echo "== Load: $connections connections, $duration measured after $warmup of warm-up"
set +e
dotnet "$client_dll" --url "$url" --connections "$connections" --duration "$duration" --warmup "$warmup" ${client_args[@]+"${client_args[@]}"}
client_status=$?
set -e

echo "== The server after the load"
if ! kill -0 "$server_pid" 2>/dev/null; then
  echo "FAILED: the server is no longer running." >&2
  tail -n 50 "$server_log" >&2
  exit 1
fi
sleep 1
rss=$(status_kb VmRSS)
hwm=$(status_kb VmHWM)
echo "   memory: VmRSS $((rss / 1024)) MB, VmHWM $((hwm / 1024)) MB (bound: both under $rss_limit_mb MB)"

failures=$(grep -cE '^(fail|crit)' "$server_log" || true)
echo "   server log: $failures fail/crit lines"
if [ "$failures" -gt 0 ]; then
  grep -E '^(fail|crit)' "$server_log" | head -n 20 >&2
fi

echo "== Stopping the server (SIGTERM)"
kill -TERM "$server_pid"
server_status=
for _ in $(seq 1 150); do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    set +e
    wait "$server_pid"
    server_status=$?
    set -e
    break
  fi
  sleep 0.1
done
server_pid_was=$server_pid
if [ -z "$server_status" ]; then
  echo "FAILED: the server did not stop within 15 s of SIGTERM." >&2
  kill -KILL "$server_pid" 2>/dev/null || true
  exit 1
fi
server_pid=
echo "   pid $server_pid_was exited with $server_status"

status=0
if [ "$client_status" -ne 0 ]; then
  echo "FAILED: the load client reported errors (exit $client_status)." >&2
  status=1
fi
if [ "$rss" -gt $((rss_limit_mb * 1024)) ] || [ "$hwm" -gt $((rss_limit_mb * 1024)) ]; then
  echo "FAILED: the server's memory (VmRSS $((rss / 1024)) MB, peak VmHWM $((hwm / 1024)) MB) is over the bound of $rss_limit_mb MB." >&2
  status=1
fi
if [ "$failures" -gt 0 ]; then
  echo "FAILED: the server logged $failures fail/crit lines." >&2
  status=1
fi
if [ "$server_status" -ne 0 ]; then
  echo "FAILED: the server exited with $server_status after SIGTERM." >&2
  status=1
fi
if [ "$status" -eq 0 ]; then
  echo "PASSED: no error, VmRSS $((rss / 1024)) MB and peak VmHWM $((hwm / 1024)) MB under $rss_limit_mb MB, clean shutdown."
fi
exit $status
