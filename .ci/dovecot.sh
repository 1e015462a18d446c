#!/usr/bin/env bash
# Prepare this machine for the IMAP tests: Debian's Dovecot IMAP server and the `vmail`
# system user that owns the throwaway maildirs (Dovecot refuses to deliver mail as root).
# Idempotent: safe to run on every CI run. It does NOT start a server: each test file
# starts its own on a free loopback port (test/helpers/dovecot.ts).
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

if ! command -v dovecot >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends dovecot-imapd
fi

if ! id vmail >/dev/null 2>&1; then
  $SUDO useradd -r -M -d /nonexistent -s /usr/sbin/nologin vmail
fi

# The package's post-install may have started a system-wide Dovecot on ports 143/993.
# The tests do not use it; it is left alone (stopping services is the machine owner's call).
echo "dovecot: $(dovecot --version) at $(command -v dovecot); vmail uid=$(id -u vmail) gid=$(id -g vmail)"
