#!/usr/bin/env bash
# bench/http: the dossier page under load. `ipm serve` on a fresh demo
# database, logged in as the demo consulent, serves /clients/4 (the demo
# client with the whole route; every view is an audited dossier read); nginx
# serves the same HTML bytes as a static file with the same security headers.
# wrk runs against each in turn (64 connections, 2 threads, DURATION seconds)
# and the script prints requests/s, p50 and p99 latency and the ratio
# ipm/nginx (goal >= 0.5; docs/performance.md).
#
#   bench/http.sh            IPM_BIN=build/ipm DURATION=10 CONNECTIONS=64
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${IPM_BIN:-build/ipm}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
PAGE=${PAGE:-/clients/4}

for tool in wrk nginx curl; do
	command -v "$tool" >/dev/null || { echo "bench/http: $tool is missing (scripts/deps.sh installs it)" >&2; exit 1; }
done
[ -x "$BIN" ] || { echo "bench/http: $BIN is not built" >&2; exit 1; }

dir=$(mktemp -d)
ipm_pid="" nginx_pid="" shm=""
cleanup() {
	[ -n "$ipm_pid" ] && kill "$ipm_pid" 2>/dev/null && wait "$ipm_pid" 2>/dev/null
	[ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
	rm -rf "$dir" ${shm:+"$shm"}
}
trap cleanup EXIT

# ipm_start DIR: a fresh demo database in DIR, `ipm serve` on it, logged in as
# the demo consulent (the form's token is the pre-session cookie). Sets
# ipm_url, ipm_pid and cookie.
ipm_start() {
	local db=$1/ipm.db jar=$1/cookies pre session
	"$BIN" init --db "$db" --data data --demo >/dev/null
	"$BIN" serve --db "$db" --data data --port 0 --port-file "$1/port" --log-level warn \
		2>"$1/ipm.log" &
	ipm_pid=$!
	for _ in $(seq 100); do
		[ -s "$1/port" ] && curl -fsS -o /dev/null "http://127.0.0.1:$(cat "$1/port")/healthz" && break
		sleep 0.1
	done
	ipm_url="http://127.0.0.1:$(cat "$1/port")"
	curl -fsS -c "$jar" -o /dev/null "$ipm_url/login"
	pre=$(awk '$6 == "ipm_pre" { print $7 }' "$jar")
	curl -fsS -b "$jar" -c "$jar" -o /dev/null \
		--data-urlencode "csrf=$pre" --data-urlencode "username=demo.consulent" \
		--data-urlencode "password=demo-wachtwoord" "$ipm_url/login"
	session=$(awk '$6 == "ipm_session" { print $7 }' "$jar")
	[ -n "$session" ] || { echo "bench/http: log-in failed" >&2; exit 1; }
	cookie="Cookie: ipm_session=$session"
}
ipm_stop() {
	kill "$ipm_pid" && wait "$ipm_pid" || true
	ipm_pid=""
}

mkdir -p "$dir/disk"
ipm_start "$dir/disk"
ipm=$ipm_url

# The page's bytes for nginx, and the response headers to size them alike.
mkdir -p "$dir/www"
curl -fsS -H "$cookie" -D "$dir/ipm.headers" -o "$dir/www/dossier.html" "$ipm$PAGE"
grep -q '^HTTP/1.1 200' "$dir/ipm.headers" || { echo "bench/http: $PAGE did not answer 200" >&2; exit 1; }
body_bytes=$(stat -c %s "$dir/www/dossier.html")
chmod -R a+rX "$dir"

# nginx as a static file server: as many workers as IPM has threads (one per
# core), no access log, keep-alive like wrk expects, the same security headers.
nginx_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$dir/nginx"
cat >"$dir/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log warn;
daemon off;
events { worker_connections 1024; }
http {
	access_log off;
	server_tokens off;
	keepalive_requests 1000000;
	client_body_temp_path $dir/nginx;
	proxy_temp_path $dir/nginx;
	fastcgi_temp_path $dir/nginx;
	uwsgi_temp_path $dir/nginx;
	scgi_temp_path $dir/nginx;
	server {
		listen 127.0.0.1:$nginx_port;
		root $dir/www;
		default_type "text/html; charset=utf-8";
		location = $PAGE { try_files /dossier.html =404; }
		add_header Content-Security-Policy "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'" always;
		add_header X-Content-Type-Options nosniff always;
		add_header X-Frame-Options DENY always;
		add_header Referrer-Policy no-referrer always;
		add_header Cross-Origin-Opener-Policy same-origin always;
		add_header Permissions-Policy "camera=(), microphone=(), geolocation=()" always;
		add_header Cache-Control no-store always;
		etag off;
	}
}
EOF
nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf" 2>"$dir/nginx/stderr" &
nginx_pid=$!
ngx="http://127.0.0.1:$nginx_port"
for _ in $(seq 100); do curl -fsS -o /dev/null "$ngx$PAGE" 2>/dev/null && break; sleep 0.1; done
cmp -s "$dir/www/dossier.html" <(curl -fsS "$ngx$PAGE") || { echo "bench/http: nginx serves other bytes" >&2; exit 1; }
curl -fsS -D "$dir/nginx.headers" -o /dev/null "$ngx$PAGE"

# wrk's latency distribution: "99%  12.34ms" -> milliseconds.
ms() { awk -v p="$1" '$1 == p { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
	f = (u == "us") ? 0.001 : (u == "s") ? 1000 : 1; printf "%.2f", v * f }' "$2"; }
run() { # name url
	wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "$cookie" "$2" >"$dir/$1.wrk"
	local rps non2xx
	rps=$(awk '/^Requests\/sec:/ { print $2 }' "$dir/$1.wrk")
	non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $5 }' "$dir/$1.wrk")
	printf '%-34s %10.0f %9s %9s%s\n' "$1" "$rps" "$(ms 50% "$dir/$1.wrk")" "$(ms 99% "$dir/$1.wrk")" \
		"${non2xx:+   ($non2xx non-2xx responses!)}"
	eval "rps_$1=$rps"
}

echo "bench/http: GET $PAGE, $body_bytes bytes of HTML; response headers ipm $(stat -c %s "$dir/ipm.headers") B, nginx $(stat -c %s "$dir/nginx.headers") B"
echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency, $(nproc) cores shared by server and wrk"
printf '%-34s %10s %9s %9s\n' "server" "req/s" "p50 ms" "p99 ms"
run ipm "$ipm$PAGE"
audit_before=$(sqlite3 "$dir/disk/ipm.db" 'SELECT count(*) FROM audit_log' 2>/dev/null || echo 0)
ipm_stop
run nginx "$ngx$PAGE"

# The same on a database in memory (tmpfs): the fsync of each audited read
# costs nothing there, so this line is the page's CPU cost alone. Not a
# configuration to run: an acknowledged write must survive power loss.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
	shm=$(mktemp -d -p /dev/shm)
	ipm_start "$shm"
	run ipm_tmpfs "$ipm_url$PAGE"
	ipm_stop
	rm -rf "$shm"
fi
awk -v a="$rps_ipm" -v b="$rps_nginx" 'BEGIN { printf "ratio ipm/nginx: %.3f (goal >= 0.5)\n", a / b }'
[ -n "${rps_ipm_tmpfs:-}" ] &&
	awk -v a="$rps_ipm_tmpfs" -v b="$rps_nginx" 'BEGIN { printf "ratio ipm (tmpfs)/nginx: %.3f\n", a / b }'
echo "audit rows in the database after the ipm run: $audit_before (every view is an audited read)"
