#!/usr/bin/env bash
# Cold start, one command: publishes Release with the ReadyToRun profile (as the Dockerfile does), then
# N times (default 3) starts the published API fresh on 127.0.0.1 at a free port (Production
# environment, the per-client rate limiter off), measures the time from the process's start to the
# first 200 on GET /health and on GET /health/ready (after the start-up warm-up), then sends the first
# request of each endpoint and 20 more of the same request, and prints for each endpoint the first
# request's time, the median of the 20 warm ones and their ratio. After the N runs it prints the median
# of each figure over the runs.
#
#   scripts/cold-start.sh                 # 3 runs
#   scripts/cold-start.sh --runs 5
#   scripts/cold-start.sh --no-publish    # reuse the last publish (api/bin/cold-start/publish)
#   COLD_RUNS=5 scripts/cold-start.sh
#
# Times are curl's time_total (a new loopback connection per request, for the first request and the
# warm ones alike, so the ratio compares like with like). Exits non-zero when the server does not start,
# an answer is not a 200, or the server does not stop cleanly. Needs the .NET SDK and curl. Every
# request goes to 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

runs=${COLD_RUNS:-3}
warm=20
publish=1
startup_timeout_s=60
while [ $# -gt 0 ]; do
  case "$1" in
    --runs|-n) runs=$2; shift 2 ;;
    --runs=*) runs=${1#*=}; shift ;;
    --no-publish) publish=; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "Unknown option $1 (see --help)." >&2; exit 2 ;;
  esac
done
command -v curl >/dev/null || { echo "cold-start.sh needs curl." >&2; exit 2; }

out=$PWD/api/bin/cold-start/publish
if [ -n "$publish" ]; then
  echo "== Publishing (Release) to $out"
  rm -rf "$out"
  dotnet publish api/CalcApi.Api.csproj -c Release -p:PublishProfile=ReadyToRun -o "$out" -nologo -v quiet
fi
[ -f "$out/CalcApi.Api.dll" ] || { echo "No publish in $out: run without --no-publish." >&2; exit 2; }

# The requests: one representative, small request per endpoint (from http-examples/), in this order.
names=(differentiate gradient matrix-gradient optimize optimize/stream optimize/landscape check export)
bodies=(
  '{"expression":"exp(cos(x^2))","variable":"x","order":1,"at":{"x":0.5}}'
  '{"expression":"x^2*y + sin(y)","variables":["x","y"],"at":{"x":1,"y":2}}'
  '{"expression":"norm(X*w - y)^2","wrt":"w","at":{"X":[[1,2],[3,4],[5,6]],"w":[0.5,-0.5],"y":[1,0,1]}}'
  '{"loss":"x'"'"'*M*x + a'"'"'*x","constants":{"M":[[3,0.5],[0.5,2]],"a":[1,-2]},"initial":{"x":[0,0]},"optimizer":{"method":"nesterov","learningRate":0.05,"momentum":0.9},"maxIterations":500}'
  '{"loss":"(1 - x)^2 + 100*(y - x^2)^2","initial":{"x":-1.2,"y":1},"optimizer":{"method":"adam","learningRate":0.02},"maxIterations":500,"historyPoints":30}'
  '{"loss":"(1 - x)^2 + 100*(y - x^2)^2","initial":{"x":-1.2,"y":1},"xRange":[-2,2],"yRange":[-1,3],"resolution":20}'
  '{"task":"differentiate","expression":"sin(x)^2","variable":"x","answer":"sin(2*x)"}'
  '{"expression":"(a'"'"'*W*b - c)^2","variables":{"a":"vector","b":"vector","W":"matrix","c":"scalar"},"wrt":["W"],"language":"numpy"}'
)

work=$(mktemp -d)
server_pid=
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$server_pid" 2>/dev/null; then
      kill -KILL "$server_pid" 2>/dev/null || true
      echo "FAILED: the server did not stop within 15 s of SIGTERM." >&2
      return 1
    fi
  fi
  server_pid=
}
trap 'stop_server || true; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

now_ms() { echo $(($(date +%s%N) / 1000000)); }
# One request: prints its time in ms (curl's time_total), failing on anything but a 200.
request() { # path body
  local result code seconds
  if [ -z "$2" ]; then
    result=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "$url$1" || true)
  else
    result=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H 'Content-Type: application/json' --data-binary "$2" "$url$1" || true)
  fi
  code=${result%% *}
  seconds=${result#* }
  if [ "$code" != 200 ]; then
    echo "FAILED: $1 answered ${code:-nothing}." >&2
    tail -n 20 "$work/server.log" >&2
    exit 1
  fi
  awk -v s="$seconds" 'BEGIN { printf "%.2f", s * 1000 }'
}
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.2f", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Per run and endpoint: first, warm median; collected as "endpoint first warm" lines for the summary.
results=$work/results
ready_times=()
warmed_times=()
for run in $(seq 1 "$runs"); do
  log=$work/server.log
  started=$(now_ms)
  (
    cd api
    export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production
    export RateLimiting__PermitsPerMinute=0
    export ASPNETCORE_URLS=http://127.0.0.1:0
    exec env 'Logging__LogLevel__Microsoft.Hosting.Lifetime=Information' dotnet "$out/CalcApi.Api.dll"
  ) >"$log" 2>&1 &
  server_pid=$!

  url=
  ready=
  for _ in $(seq 1 $((startup_timeout_s * 200))); do
    kill -0 "$server_pid" 2>/dev/null || { echo "The server exited while starting:" >&2; tail -n 50 "$log" >&2; exit 1; }
    if [ -z "$url" ]; then
      url=$(grep -oE 'Now listening on: http://127\.0\.0\.1:[0-9]+' "$log" | head -n 1 | sed 's/^Now listening on: //' || true)
    fi
    if [ -n "$url" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/health" || true)" = 200 ]; then
      ready=$(($(now_ms) - started))
      break
    fi
    sleep 0.005
  done
  [ -n "$ready" ] || { echo "The server did not answer GET /health within ${startup_timeout_s} s:" >&2; tail -n 50 "$log" >&2; exit 1; }
  ready_times+=("$ready")
  # Readiness (what a load balancer waits for) comes after the start-up warm-up.
  warmed=
  for _ in $(seq 1 $((startup_timeout_s * 200))); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/health/ready" || true)" = 200 ]; then
      warmed=$(($(now_ms) - started))
      break
    fi
    sleep 0.005
  done
  [ -n "$warmed" ] || { echo "The server was not ready (GET /health/ready) within ${startup_timeout_s} s:" >&2; tail -n 50 "$log" >&2; exit 1; }
  warmed_times+=("$warmed")

  echo
  echo "== Run $run of $runs: first 200 on /health after $ready ms, on /health/ready after $warmed ms"
  printf '   %-22s %10s %10s %8s\n' endpoint "first ms" "warm ms" ratio
  for i in "${!names[@]}"; do
    path=/api/${names[$i]}
    first=$(request "$path" "${bodies[$i]}")
    times=()
    for _ in $(seq 1 "$warm"); do times+=("$(request "$path" "${bodies[$i]}")"); done
    median_ms=$(echo "${times[*]}" | median)
    printf '   %-22s %10s %10s %7.1fx\n' "$path" "$first" "$median_ms" "$(awk -v a="$first" -v b="$median_ms" 'BEGIN { print a / b }')"
    echo "$path $first $median_ms" >>"$results"
  done
  stop_server
  if grep -qE '^(fail|crit)' "$log"; then
    echo "FAILED: the server logged fail/crit lines:" >&2
    grep -E '^(fail|crit)' "$log" | head -n 20 >&2
    exit 1
  fi
done

echo
echo "== Medians over $runs runs: first 200 on /health after $(echo "${ready_times[*]}" | median) ms, on /health/ready after $(echo "${warmed_times[*]}" | median) ms"
printf '   %-22s %10s %10s %8s\n' endpoint "first ms" "warm ms" ratio
for name in "${names[@]}"; do
  path=/api/$name
  first=$(awk -v p="$path" '$1 == p { printf "%s ", $2 }' "$results" | median)
  median_ms=$(awk -v p="$path" '$1 == p { printf "%s ", $3 }' "$results" | median)
  printf '   %-22s %10s %10s %7.1fx\n' "$path" "$first" "$median_ms" "$(awk -v a="$first" -v b="$median_ms" 'BEGIN { print a / b }')"
done
