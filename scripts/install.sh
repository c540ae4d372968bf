#!/usr/bin/env bash
# Installs or upgrades Storebox on a Debian/Ubuntu box with systemd (docs/install.md).
#
#   sudo scripts/install.sh                 first install: binary, user, units, example config; enable --now
#   sudo scripts/install.sh --upgrade       online backup first, then replace the binary and restart
#   sudo scripts/install.sh --rollback      put storebox.previous back and restart
#   sudo scripts/install.sh --agent         lane PC: install the device agent instead of the box
#   scripts/install.sh --dry-run [...]      print every step, change nothing
#   --binary FILE                           the binary to install (default: dist/storebox beside this script)
#
# Idempotent: running it again converges on the same state. The previous binary is kept as
# /usr/local/bin/storebox.previous for rollback.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

# DESTDIR (dry runs only) points the file checks at another tree, so tests can walk every branch
dest="${DESTDIR:-}"
BIN="$dest/usr/local/bin/storebox"
UNIT_DIR="$dest/etc/systemd/system"
CONFIG_DIR="$dest/etc/storebox"
CONFIG="$CONFIG_DIR/config.json"
DATA_DIR=/var/lib/storebox
BACKUP_DIR="$DATA_DIR/backups"

mode=install
dry_run=0
binary="$root/dist/storebox"

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --upgrade) mode=upgrade ;;
    --rollback) mode=rollback ;;
    --agent) mode=agent ;;
    --dry-run) dry_run=1 ;;
    --binary)
      [ $# -ge 2 ] || { echo "install.sh: --binary needs a file" >&2; exit 64; }
      binary="$2"
      shift
      ;;
    -h | --help) usage; exit 0 ;;
    *) echo "install.sh: unknown argument $1" >&2; usage >&2; exit 64 ;;
  esac
  shift
done

# Every change goes through run: printed always, executed unless --dry-run.
run() {
  echo "+ $*"
  if [ "$dry_run" -eq 0 ]; then "$@"; fi
}
say() { echo "install.sh: $*"; }

if [ "$dry_run" -eq 0 ] && [ -n "$dest" ]; then
  echo "install.sh: DESTDIR is for --dry-run only" >&2
  exit 64
fi
if [ "$dry_run" -eq 0 ] && [ "$(id -u)" -ne 0 ]; then
  echo "install.sh: run as root (sudo), or with --dry-run to see the steps" >&2
  exit 77
fi

need_binary() {
  if [ ! -x "$binary" ]; then
    echo "install.sh: $binary not found or not executable: npm run build:binary first, or pass --binary FILE" >&2
    exit 66
  fi
}

# System user with no login and no home of its own (the units add the dialout group).
ensure_user() {
  local user="$1" home="$2"
  if id -u "$user" >/dev/null 2>&1; then
    say "user $user exists"
  else
    run useradd --system --user-group --home-dir "$home" --no-create-home --shell /usr/sbin/nologin "$user"
  fi
}

# Installs the binary atomically (a running box keeps its old inode); keeps the replaced one for rollback.
install_binary() {
  need_binary
  if [ -e "$BIN" ] && cmp -s "$binary" "$BIN"; then
    say "$BIN is already this build"
    return
  fi
  if [ -e "$BIN" ]; then run cp -p "$BIN" "$BIN.previous"; fi
  run install -m 0755 -o root -g root "$binary" "$BIN.new"
  run mv -f "$BIN.new" "$BIN"
  if [ "$dry_run" -eq 0 ]; then say "installed $("$BIN" --version) at $BIN"; fi
}

install_unit() {
  run install -m 0644 -o root -g root "$root/systemd/$1" "$UNIT_DIR/$1"
}

# The example config only when there is none: an existing config is the store's own.
install_config() {
  if [ -e "$CONFIG" ]; then
    say "$CONFIG exists, left as is"
    return
  fi
  run install -d -m 0755 -o root -g root "$CONFIG_DIR"
  run install -m 0640 -o root -g storebox "$root/systemd/config.example.json" "$CONFIG"
  say "edit $CONFIG: the LAN address for http.host, mqtt.host and mdns.interface, the store id and names"
}

# The agent's example config (serial paths, the lane PC's LAN address) only when there is none.
install_agent_config() {
  local file="$CONFIG_DIR/agent.json"
  if [ -e "$file" ]; then
    say "$file exists, left as is"
    return
  fi
  run install -d -m 0755 -o root -g root "$CONFIG_DIR"
  run install -m 0640 -o root -g storebox-agent "$root/systemd/agent.example.json" "$file"
  say "edit $file: this PC's LAN address (mdnsInterface), the lane, and the serial paths of its scale, display and scanner"
}

# The unit must come up and stay up a few seconds; otherwise show the journal and how to roll back.
check_running() {
  local unit="$1"
  [ "$dry_run" -eq 0 ] || return 0
  sleep 3
  if systemctl is-active --quiet "$unit"; then
    say "$unit is running"
  else
    journalctl -u "$unit" -n 30 --no-pager >&2 || true
    echo "install.sh: $unit did not stay up; to go back: sudo $0 --rollback" >&2
    exit 1
  fi
}

case "$mode" in
  install)
    ensure_user storebox "$DATA_DIR"
    install_binary
    install_unit storebox.service
    install_unit storebox-agent.service
    install_config
    run systemctl daemon-reload
    run systemctl enable --now storebox.service
    check_running storebox.service
    ;;
  upgrade)
    need_binary
    [ -e "$BIN" ] || { echo "install.sh: nothing installed at $BIN; run without --upgrade first" >&2; exit 66; }
    # online, integrity-checked backup by the running version (SQLite backup API) before anything changes
    backup="$BACKUP_DIR/pre-upgrade-$(date -u +%Y%m%dT%H%M%SZ).db"
    run install -d -m 0750 -o storebox -g storebox "$BACKUP_DIR"
    run runuser -u storebox -- env STOREBOX_DATA_DIR="$DATA_DIR" "$BIN" --config "$CONFIG" backup "$backup"
    install_binary
    install_unit storebox.service
    install_unit storebox-agent.service
    run systemctl daemon-reload
    run systemctl restart storebox.service
    check_running storebox.service
    say "backup before the upgrade: $backup"
    ;;
  rollback)
    [ -e "$BIN.previous" ] || { echo "install.sh: no $BIN.previous to roll back to" >&2; exit 66; }
    run systemctl stop storebox.service
    run cp -p "$BIN" "$BIN.rolled-back"
    run mv -f "$BIN.previous" "$BIN"
    run systemctl start storebox.service
    check_running storebox.service
    say "if the newer version had migrated the database, the older one refuses to start: restore the pre-upgrade backup from $BACKUP_DIR (docs/install.md)"
    ;;
  agent)
    ensure_user storebox-agent /var/lib/storebox-agent
    install_binary
    install_agent_config
    install_unit storebox-agent.service
    run systemctl daemon-reload
    run systemctl enable --now storebox-agent.service
    check_running storebox-agent.service
    ;;
esac
