#!/usr/bin/env bash
# Runs a command and fails if anything it starts reaches for the network.
#
#   scripts/no-network.sh <command...>   run the command under the check
#   scripts/no-network.sh --self-test    prove the check catches an outside connect, passes a local one,
#                                        refuses a strace-only run it was not allowed, and fails a run
#                                        in which an expected program was never traced
#
# Every process the command starts is traced with `strace -f` for connect() and for datagrams sent
# to an address (sendto/sendmsg/sendmmsg), and for the programs it starts (execve). The command also
# runs in a network namespace of its own with only loopback up, so nothing could get out even if the
# trace missed it (and local ports such as WebDriver's 4444 are private to the run).
#
# Where the machine does not allow a namespace, the check proves less (strace alone), so it refuses
# to run unless told that is acceptable: NO_NETWORK_ALLOW_STRACE_ONLY=1 (or NO_NETWORK_NETNS=off,
# which skips the namespace on purpose). Either way the run says so loudly, at the start and in its
# verdict. NO_NETWORK_KEEP_TRACE=1 keeps the trace even when the run passes.
#
# NO_NETWORK_EXPECT="circlekeeper WebKitWebProcess" names programs the command must start: a run in
# which one of them was never traced (executed under this strace) fails, since a check of processes
# that were never watched proves nothing about them.
#
# Once the command has exited, whatever it left running (dbus-daemon, at-spi-bus-launcher,
# xdg-document-portal...) is stopped: those are exactly the processes still traced by this run's
# strace, so nothing else on the machine is touched. Then the trace is read: an AF_INET/AF_INET6
# address outside loopback (127.0.0.0/8, ::1, ::ffff:127.x), or any family other than AF_UNIX,
# AF_NETLINK and AF_UNSPEC, fails the run. Exits with the command's status if it failed, 1 if
# anything outside was reached for, 0 otherwise.
set -uo pipefail

me="$(readlink -f "${BASH_SOURCE[0]}")"
say() { printf 'no-network: %s\n' "$*" >&2; }

# started <program> <trace>: how many times the program was executed successfully under the trace.
# strace splits a call that another traced process interrupts into "<unfinished ...>" and a later
# "<... execve resumed>" line of the same pid (seen when a run starts two programs at once).
started() {
  awk -v want="$1" '
    !match($0, /^[0-9]+/) { next }
    { pid = substr($0, 1, RLENGTH); call = $0; sub(/^[0-9]+(<[^>]*>)? /, "", call) }
    call ~ ("^execve\\(\"([^\"]*/)?" want "\",") {
      if (call ~ /<unfinished \.\.\.>$/) pending[pid] = 1
      else if (call ~ /\) = 0$/) n++
      next
    }
    (pid in pending) && call ~ /^<\.\.\. execve resumed>/ { delete pending[pid]; if (call ~ /= 0$/) n++ }
    END { print n + 0 }' "$2"
}

if [ "${1:-}" = "--self-test" ]; then
  out="$(mktemp)"
  trap 'rm -f "$out"' EXIT
  show() { grep -E "$1" "$out" | sed 's/^/    /' >&2; }
  must_fail() { # must_fail <what> <address> <command...>: the check must fail the command and name the address
    local what="$1" addr="$2"; shift 2
    say "self-test: $what must fail the check"
    if "$me" "$@" >"$out" 2>&1; then
      cat "$out" >&2; say "SELF-TEST FAILED: the check passed $what"; exit 1
    fi
    if ! grep -qF "EXTERNAL" "$out" || ! grep "EXTERNAL" "$out" | grep -F "$addr" >/dev/null; then
      cat "$out" >&2; say "SELF-TEST FAILED: the check failed $what but did not name $addr"; exit 1
    fi
    show 'namespace|strace alone|summary|EXTERNAL'
  }
  # 192.0.2.1 is TEST-NET-1, never routed; in the namespace these fail at once with ENETUNREACH,
  # and without one `timeout` keeps them from hanging.
  must_fail "a TCP connect to 192.0.2.1:80" "192.0.2.1 port 80" \
    timeout 10 bash -c 'exec 3<>/dev/tcp/192.0.2.1/80'
  must_fail "a UDP datagram to 192.0.2.1:9 without connect()" "192.0.2.1 port 9" \
    timeout 10 node -e 'const s = require("dgram").createSocket("udp4"); s.send("x", 9, "192.0.2.1", () => s.close());'

  say "self-test: a loopback connect must pass, and a daemon left behind must not keep the run from ending"
  # A listener and a client on 127.0.0.1 in one node process; a setsid'd sleep stands in for the
  # dbus-daemon the app's session leaves behind. The whole case must end in seconds, not 300.
  if ! NO_NETWORK_EXPECT=node timeout 60 "$me" bash -c 'setsid sleep 300 & node -e "
      const net = require(\"net\");
      const s = net.createServer((c) => c.end()).listen(0, \"127.0.0.1\", () => {
        net.connect(s.address().port, \"127.0.0.1\", function () { this.destroy(); s.close(); });
      });"' >"$out" 2>&1; then
    cat "$out" >&2; say "SELF-TEST FAILED: the check failed (or hung on) a loopback connect"; exit 1
  fi
  if ! grep -qE 'summary: .* [1-9][0-9]* to loopback' "$out" || ! grep -q 'left behind: sleep' "$out" \
    || ! grep -q 'traced: node started' "$out"; then
    cat "$out" >&2; say "SELF-TEST FAILED: the check did not see the loopback connect, the daemon left behind or node"; exit 1
  fi
  show 'summary|left behind|traced'

  say "self-test: a program whose start strace split around another process's calls is still seen"
  cat >"$out" <<'TRACE'
4101<bash> execve("/usr/bin/node", ...) = 0
4102<bash> execve("/usr/bin/node", ... <unfinished ...>
4103<sleep> execve("/usr/bin/sleep", ...) = 0
4102<node> <... execve resumed>) = 0
4104<bash> execve("/usr/bin/node", ...) = -1 ENOENT (No such file or directory)
TRACE
  [ "$(started node "$out")" = 2 ] || { say "SELF-TEST FAILED: a split execve of node was not counted"; exit 1; }
  say "    counted both starts of node, the whole one and the split one, and not the failed one"

  say "self-test: a run in which the expected program never started must fail"
  if NO_NETWORK_EXPECT=circlekeeper "$me" true >"$out" 2>&1 || ! grep -q 'NOT TRACED: circlekeeper' "$out"; then
    cat "$out" >&2; say "SELF-TEST FAILED: the check passed a run that never started circlekeeper"; exit 1
  fi
  show 'NOT TRACED|FAILED'

  say "self-test: where no network namespace is allowed, strace alone must be refused unless allowed"
  # An 'unshare' that always fails stands in for a machine that forbids namespaces.
  shim="$(mktemp -d)"
  trap 'rm -rf "$out" "$shim"' EXIT
  printf '#!/bin/sh\nexit 1\n' >"$shim/unshare"
  chmod +x "$shim/unshare"
  if PATH="$shim:$PATH" "$me" true >"$out" 2>&1 || ! grep -q 'REFUSED' "$out"; then
    cat "$out" >&2; say "SELF-TEST FAILED: the check fell back to strace alone without being allowed"; exit 1
  fi
  show 'REFUSED'
  if ! PATH="$shim:$PATH" NO_NETWORK_ALLOW_STRACE_ONLY=1 "$me" true >"$out" 2>&1 \
    || ! grep -q 'WARNING: .*STRACE ALONE' "$out" || ! grep -q 'passed, WITH STRACE ALONE' "$out"; then
    cat "$out" >&2; say "SELF-TEST FAILED: an allowed strace-only run did not pass, or did not say so loudly"; exit 1
  fi
  show 'WARNING|WITH STRACE ALONE'
  say "self-test passed"
  exit 0
fi

if [ $# -eq 0 ]; then
  echo "usage: $0 <command...> | --self-test" >&2
  exit 2
fi
command -v strace >/dev/null || { say "strace is not installed (scripts/setup.sh --test installs it)"; exit 2; }

strace_only() { # strace_only <why>: go on without a namespace only if that was explicitly allowed
  if [ "${NO_NETWORK_ALLOW_STRACE_ONLY:-}" != 1 ] && [ "${NO_NETWORK_NETNS:-}" != off ]; then
    say "REFUSED: $1, and without one this check proves less (a connect strace does not decode, or a"
    say "process it does not follow, would go unseen). Run where 'unshare --net' works, or accept the"
    say "weaker check explicitly with NO_NETWORK_ALLOW_STRACE_ONLY=1."
    exit 2
  fi
  weaker="$1"
  say "=================================================================================="
  say "WARNING: $1: checking with STRACE ALONE, no network namespace."
  say "=================================================================================="
}

# 1. A network namespace with only loopback.
weaker=""
if [ -z "${NO_NETWORK_NETNS:-}" ]; then
  if ! command -v ip >/dev/null; then
    strace_only "there is no 'ip' command (iproute2), so no network namespace"
  elif unshare --net true 2>/dev/null; then
    NO_NETWORK_NETNS=net exec unshare --net -- "$me" "$@"
  elif unshare --map-root-user --net true 2>/dev/null; then
    NO_NETWORK_NETNS=user+net exec unshare --map-root-user --net -- "$me" "$@"
  else
    strace_only "this machine does not allow a network namespace (unshare --net)"
  fi
elif [ "$NO_NETWORK_NETNS" = off ]; then
  strace_only "NO_NETWORK_NETNS=off asked for no network namespace"
else
  ip link set lo up || { say "could not bring up loopback in the network namespace"; exit 2; }
  say "in a network namespace of its own ($NO_NETWORK_NETNS) with only loopback up"
fi

# 2. The command under strace. A small wrapper records the command's exit status, so the run can
#    end when the command ends even while daemons it started keep strace waiting.
work="$(mktemp -d "${TMPDIR:-/tmp}/no-network.XXXXXX")"
log="$work/connect.log"
status="$work/status"
strace_pid=""

tracees() { # the pids strace is still tracing: the processes this run started that are still alive
  local f pid
  for f in /proc/[0-9]*/status; do
    pid="${f#/proc/}"; pid="${pid%/status}"
    [ "$(awk '/^TracerPid:/ {print $2; exit}' "$f" 2>/dev/null)" = "$strace_pid" ] && echo "$pid"
  done
}

stop_leftovers() { # stop the processes this run left behind, then strace
  local pids names round
  [ -n "$strace_pid" ] && kill -0 "$strace_pid" 2>/dev/null || return 0
  pids="$(tracees | tr '\n' ' ')"
  if [ -n "${pids// /}" ]; then
    names="$(for p in $pids; do cat "/proc/$p/comm" 2>/dev/null; done | sort | uniq -c | awk '{printf "%s%s", sep, $2 ($1>1 ? " x" $1 : ""); sep=", "}')"
    say "stopping what the run left behind: $names"
  fi
  for round in 1 2 3 4 5 6 7 8 9 10; do
    pids="$(tracees)"
    [ -z "$pids" ] && break
    # SIGTERM first, SIGKILL after a second for whatever (or whoever was forked since) is left.
    # shellcheck disable=SC2086
    if [ "$round" -eq 1 ]; then kill -TERM $pids 2>/dev/null; else kill -KILL $pids 2>/dev/null; fi
    sleep "$([ "$round" -eq 1 ] && echo 1 || echo 0.2)"
  done
  # With no tracees left strace exits by itself; if not, SIGTERM makes it detach and exit.
  for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$strace_pid" 2>/dev/null || break; sleep 0.2; done
  kill -TERM "$strace_pid" 2>/dev/null
  wait "$strace_pid" 2>/dev/null
  strace_pid=""
}

on_signal() { say "interrupted: stopping the run"; stop_leftovers; rm -rf "$work"; exit 130; }
trap on_signal INT TERM HUP

started=$SECONDS
exec 3<&0
# --seccomp-bpf stops the tracees only on the traced calls (and forks), not on every system call,
# so the suite runs nearly as fast as without strace. sendto/sendmsg/sendmmsg are traced too: a
# datagram sent to an address needs no connect() (DNS, mDNS, QUIC), so it counts like a connect.
# execve shows which programs ran under the trace (NO_NETWORK_EXPECT).
strace -f -qqq -Y --seccomp-bpf -s 0 -e signal=none -e trace=connect,sendto,sendmsg,sendmmsg,execve -o "$log" -- \
  bash -c '"$@"; echo $? >"$0"' "$status" "$@" <&3 3<&- &
strace_pid=$!
exec 3<&-

while [ ! -s "$status" ] && kill -0 "$strace_pid" 2>/dev/null; do sleep 0.2; done
sleep 0.2  # let the wrapper finish writing
code="$(cat "$status" 2>/dev/null)"
stop_leftovers
trap - INT TERM HUP
if [ -z "$code" ]; then
  say "the command did not report an exit status: could strace not start it (ptrace not permitted?)"
  code=125
fi

# 3. The log: one line per call, "PID<comm> connect(FD, {sa_family=..., ...}, LEN) = RESULT", and
#    sends with "{sa_family=...}" (sendto) or "msg_name={sa_family=...}" (sendmsg) when they carry
#    an address; sends on connected sockets carry none and are not counted. With -f a call can be
#    split into "... <unfinished ...>" and "<... connect resumed>"; the address is on the first
#    part, which is the line that counts.
awk -v out="$work/external" '
  function loopback4(a) { return a ~ /^127\./ }
  function loopback6(a) { return a == "::1" || a ~ /^::ffff:127\./ || a ~ /^0*:0*:0*:0*:0*:ffff:127\./ }
  # Every address on the line (sendmmsg can carry several): "loopback", "local" or "external".
  function classify(line,    rest, fam, seg, addr, port, verdict) {
    verdict = "none"; rest = line
    while (match(rest, /sa_family=[A-Z0-9_]+/)) {
      fam = substr(rest, RSTART + 10, RLENGTH - 10)
      seg = substr(rest, RSTART); rest = substr(rest, RSTART + RLENGTH)
      if (index(seg, "}")) seg = substr(seg, 1, index(seg, "}"))
      if (fam == "AF_UNIX" || fam == "AF_NETLINK" || fam == "AF_UNSPEC") { if (verdict == "none") verdict = "local"; continue }
      addr = ""; port = ""
      if (fam == "AF_INET" && match(seg, /inet_addr\("[^"]*"\)/)) addr = substr(seg, RSTART + 11, RLENGTH - 13)
      if (fam == "AF_INET6" && match(seg, /inet_pton\(AF_INET6, "[^"]*"/)) addr = substr(seg, RSTART + 21, RLENGTH - 22)
      if (match(seg, /_port=htons\([0-9]+\)/)) port = substr(seg, RSTART + 12, RLENGTH - 13)
      if ((fam == "AF_INET" && addr != "" && loopback4(addr)) || (fam == "AF_INET6" && addr != "" && loopback6(addr))) {
        if (verdict != "external") verdict = "loopback"; continue
      }
      verdict = "external"
      where = where (where == "" ? "" : ", ") fam (addr == "" ? "" : " " addr) (port == "" ? "" : " port " port)
    }
    return verdict
  }
  / (connect|sendto|sendmsg|sendmmsg)\(/ && !/resumed>/ {
    line = $0
    call = line; sub(/\(.*/, "", call); sub(/.* /, "", call)
    pid = (match(line, /^[0-9]+(<[^>]*>)?/) ? substr(line, 1, RLENGTH) : "?")
    name = pid; sub(/^[0-9]+</, "", name); sub(/>$/, "", name)
    where = ""
    v = classify(line)
    if (call == "connect") { connects++; if (v == "none") { v = "external"; where = "an address strace could not decode" } }
    else { if (v == "none") next; sends++ }
    if (v == "local") local_++
    else if (v == "loopback") { loop++; byproc[name]++ }
    else {
      ext++
      printf "no-network: EXTERNAL %s by pid %s to %s\n    %s\n", call, pid, where, line > out
    }
  }
  END {
    procs = ""
    for (p in byproc) procs = procs (procs == "" ? "" : ", ") p " " byproc[p]
    printf "no-network: summary: %d connect() calls and %d sends to an address seen: %d to loopback, %d on local sockets (AF_UNIX/AF_NETLINK), %d external\n", connects, sends, loop, local_, ext
    if (procs != "") printf "no-network: loopback by process: %s\n", procs
    exit (ext > 0)
  }' "$log" >&2
outside=$?

[ -s "$work/external" ] && cat "$work/external" >&2

# 4. The programs that must have run under the trace: a successful execve of each named one.
unseen=""
for want in ${NO_NETWORK_EXPECT:-}; do
  runs="$(started "$want" "$log")"
  if [ "$runs" -gt 0 ]; then
    say "traced: $want started $runs time(s) under the check"
  else
    say "NOT TRACED: $want never started under the check"
    unseen="$unseen $want"
  fi
done

took=$((SECONDS - started))
if [ "$outside" -ne 0 ] || [ "$code" -ne 0 ] || [ -n "${NO_NETWORK_KEEP_TRACE:-}" ]; then
  say "the command took ${took}s and exited with status $code; the trace is kept in $log"
else
  say "the command took ${took}s and exited with status 0"
  rm -rf "$work"
fi
if [ "$outside" -ne 0 ]; then
  say "FAILED: the run reached (or tried to reach) outside this computer: see EXTERNAL above"
  [ "$code" -eq 0 ] && code=1
elif [ -n "$unseen" ]; then
  say "FAILED: expected to trace$unseen, which never ran: the check watched something else"
  [ "$code" -eq 0 ] && code=1
elif [ "$code" -ne 0 ]; then
  say "FAILED: the command exited with status $code"
elif [ -n "$weaker" ]; then
  say "passed, WITH STRACE ALONE ($weaker): no network namespace backed this run"
fi
exit "$code"
