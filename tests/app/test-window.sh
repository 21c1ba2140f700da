#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts the real soleus binary on the display, waits for its window, takes a
# screenshot and checks that it is not blank, quits it through its app.quit
# action over D-Bus, and checks a clean exit with no GTK warnings or
# criticals. Then it checks that the window size is remembered across runs.
# Needs an X display and a session bus: build-aux/test provides both.
# Usage: test-window.sh SOLEUS_BINARY OUTPUT_DIR
set -u

soleus=$1
outdir=$2
app_id=io.github.soleus.Soleus
app_path=/io/github/soleus/Soleus
n=0
failed=0

ok ()     { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); echo "not ok $n - $1"; failed=1; }
diag ()   { echo "# $1"; }

echo "1..9"

if [ -z "${DISPLAY:-}" ] || [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  echo "Bail out! needs an X display and a session bus: run build-aux/test"
  exit 1
fi

mkdir -p "$outdir"
config_home=$(mktemp -d)
trap 'rm -rf "$config_home"' EXIT

# Settings in a keyfile of our own, so the size survives between the two runs
# without touching the user's settings.
start_app () {
  XDG_CONFIG_HOME=$config_home GSETTINGS_BACKEND=keyfile \
    "$soleus" >"$outdir/stdout.log" 2>"$outdir/stderr.log" &
  pid=$!
}

wait_for_window () {
  wid=$(timeout 20 xdotool search --sync --onlyvisible --pid "$pid" --name '^Soleus$' 2>/dev/null | head -n 1)
  [ -n "$wid" ]
}

quit_app () {
  gdbus call --session --dest "$app_id" --object-path "$app_path" \
    --method org.gtk.Actions.Activate quit '[]' '{}' >/dev/null 2>"$outdir/gdbus.log"
}

wait_exit () {
  i=0
  while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do
    sleep 0.1
    i=$((i + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    return 124
  fi
  wait "$pid"
}

# 1. The window appears.
start_app
if wait_for_window; then ok "the window appears"; else not_ok "the window appears"; fi

# 2. Its screenshot is not blank: many colours and real contrast.
sleep 1
shot=$outdir/window.png
if [ -n "${wid:-}" ] && import -window "$wid" "$shot" 2>/dev/null; then
  colours=$(convert "$shot" -format '%k' info:)
  spread=$(convert "$shot" -colorspace Gray -format '%[fx:int(standard_deviation*1000)]' info:)
  diag "screenshot $shot: $colours colours, grey spread $spread/1000"
  if [ "$colours" -gt 50 ] && [ "$spread" -gt 20 ]; then
    ok "the screenshot is not blank"
  else
    not_ok "the screenshot is not blank"
  fi
else
  not_ok "the screenshot is not blank (no screenshot)"
fi

# 3. The application exports its actions on the session bus.
if gdbus call --session --dest "$app_id" --object-path "$app_path" \
     --method org.gtk.Actions.List 2>/dev/null | grep -q "'quit'"; then
  ok "app.quit is on the bus"
else
  not_ok "app.quit is on the bus"
fi

# Resize the window, so the next run can check that the size was kept.
xdotool windowsize "$wid" 1000 700 2>/dev/null
sleep 1

# 4. app.quit over D-Bus ends the process cleanly.
quit_app
wait_exit
status=$?
if [ $status -eq 0 ]; then ok "app.quit exits with status 0"; else not_ok "app.quit exits with status 0 (got $status)"; fi

# 5. No GTK/GLib warnings or criticals.
if grep -qE 'WARNING|CRITICAL|Gtk-|Adwaita-|GLib-' "$outdir/stderr.log"; then
  not_ok "no warnings or criticals"
  sed 's/^/# /' "$outdir/stderr.log"
else
  ok "no warnings or criticals"
fi

# 6. The window size was saved.
keyfile=$config_home/glib-2.0/settings/keyfile
if grep -q '^window-size=(1000, 700)' "$keyfile" 2>/dev/null; then
  ok "the window size is saved"
else
  not_ok "the window size is saved"
  [ -f "$keyfile" ] && sed 's/^/# /' "$keyfile"
fi

# 7. The next run opens at the saved size.
start_app
if wait_for_window; then
  sleep 0.5
  geometry=$(xdotool getwindowgeometry "$wid" | sed -n 's/.*Geometry: //p')
  diag "second run geometry: $geometry"
  case "$geometry" in
    1000x700) ok "the next run opens at the saved size" ;;
    *) not_ok "the next run opens at the saved size" ;;
  esac
else
  not_ok "the next run opens at the saved size (no window)"
fi

quit_app
wait_exit
status2=$?

# 8. A window closed maximized opens maximized (a window manager is running
# in build-aux/test's display session).
sed -i 's/^window-maximized=.*/window-maximized=true/' "$keyfile"
grep -q '^window-maximized=' "$keyfile" || echo 'window-maximized=true' >> "$keyfile"
start_app
if wait_for_window; then
  sleep 1
  width=$(xdotool getwindowgeometry "$wid" | sed -n 's/.*Geometry: \([0-9]*\)x.*/\1/p')
  diag "maximized run width: $width"
  if [ "${width:-0}" -ge 1800 ]; then ok "a window closed maximized opens maximized"; else not_ok "a window closed maximized opens maximized"; fi
else
  not_ok "a window closed maximized opens maximized (no window)"
fi

# 9. Quitting while maximized keeps the state and the size to return to.
quit_app
wait_exit
status3=$?
if [ $status2 -eq 0 ] && [ $status3 -eq 0 ] \
   && grep -q '^window-maximized=true' "$keyfile" \
   && grep -q '^window-size=(1000, 700)' "$keyfile" \
   && ! grep -qE 'WARNING|CRITICAL' "$outdir/stderr.log"; then
  ok "maximized state and unmaximized size are kept, clean exits"
else
  not_ok "maximized state and unmaximized size are kept, clean exits ($status2, $status3)"
  sed 's/^/# /' "$keyfile" "$outdir/stderr.log"
fi

exit $failed
