# shellcheck shell=sh
# For scripts that start the distribution (benchmarks/lib.sh, .ci/partner-project.sh). Sourced.

# opencpm_free_port: prints a TCP port free on the loopback address now.
opencpm_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# opencpm_await_ready <base URL> <server pid> <server log>: returns once <base>/health/ready
# answers 2xx; exits 1 with the log's tail when the server dies or is not ready within 60 s.
opencpm_await_ready() {
  tries=0
  until curl -fs "$1/health/ready" > /dev/null 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -gt 300 ] || ! kill -0 "$2" 2>/dev/null; then
      echo "the server did not become ready:" >&2; tail -50 "$3" >&2; exit 1
    fi
    sleep 0.2
  done
}
