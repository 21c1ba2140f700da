#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts the real soleus binary on the display, waits until its window has
# drawn, takes a screenshot and checks that it is not blank, quits it through
# its app.quit action over D-Bus, and checks a clean exit with no GTK
# warnings or criticals. Then it checks that the window size and the
# maximized state are remembered across runs.
#
# Nothing here waits by the clock: every wait polls a condition (the app's
# own app.state, the window's geometry, the process) until a deadline, so a
# loaded machine only makes the test slower, never wrong.
# Needs an X display and a session bus: build-aux/test provides both.
# Usage: test-window.sh SOLEUS_BINARY OUTPUT_DIR
set -u

soleus=$1
outdir=$2
# The profile's app ID and object path, from the build (tests/meson.build).
app_id=${SOLEUS_APP_ID:?set by meson test}
app_path=${SOLEUS_APP_OBJECT_PATH:?set by meson test}
deadline_s=60
n=0
failed=0
run=0

ok ()     { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); echo "not ok $n - $1"; failed=1; }
diag ()   { echo "# $1"; }

echo "1..9"

if [ -z "${DISPLAY:-}" ] || [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  echo "Bail out! needs an X display and a session bus: run build-aux/test"
  exit 1
fi

mkdir -p "$outdir"
rm -f "$outdir"/stderr-*.log "$outdir"/stdout-*.log
config_home=$(mktemp -d)
trap 'rm -rf "$config_home"' EXIT

# poll SECONDS COMMAND...: runs COMMAND until it succeeds or SECONDS pass.
poll () {
  limit=$(($(date +%s) + $1))
  shift
  until "$@"; do
    [ "$(date +%s)" -lt "$limit" ] || return 1
    sleep 0.05
  done
}

# Settings in a keyfile of our own, so the size survives between the runs
# without touching the user's settings. Each run keeps its own log.
start_app () {
  run=$((run + 1))
  stderr_log=$outdir/stderr-$run.log
  XDG_CONFIG_HOME=$config_home GSETTINGS_BACKEND=keyfile \
    "$soleus" >"$outdir/stdout-$run.log" 2>"$stderr_log" &
  pid=$!
}

find_window () {
  wid=$(xdotool search --onlyvisible --pid "$pid" --name '^Soleus$' 2>/dev/null | head -n 1)
  [ -n "$wid" ]
}

# The value of KEY in app.state (numbers only), or nothing.
state () {
  gdbus call --session --dest "$app_id" --object-path "$app_path" \
    --method org.gtk.Actions.Describe state 2>/dev/null \
    | sed -n "s/.*'$1': <\(uint64 \|int32 \)\{0,1\}\([-0-9.]*\)>.*/\2/p"
}

# The window has drawn at least COUNT frames of the play area.
drawn () {
  frames=$(state frames_drawn)
  [ "${frames:-0}" -ge "$1" ]
}

# The app has taken WIDTH x HEIGHT as the size it saves when it quits.
app_sees_size () {
  [ "$(state default_width)" = "$1" ] && [ "$(state default_height)" = "$2" ]
}

geometry () {
  xdotool getwindowgeometry "$wid" 2>/dev/null | sed -n 's/.*Geometry: //p'
}

has_geometry () { [ "$(geometry)" = "$1" ]; }

wide () {
  width=$(geometry | sed -n 's/^\([0-9]*\)x.*/\1/p')
  [ "${width:-0}" -ge "$1" ]
}

# The page the window shows: "start" (the story cards) or "play".
page_is () {
  gdbus call --session --dest "$app_id" --object-path "$app_path" \
    --method org.gtk.Actions.Describe state 2>/dev/null | grep -q "'page': <'$1'>"
}

# From the start page to the picture as it stands, as its keyboard or a
# script would.
leave_start_page () {
  gdbus call --session --dest "$app_id" --object-path "$app_path" \
    --method org.gtk.Actions.Activate start-choice "[<'picture'>]" '{}' >/dev/null
}

# The window appears and the app has drawn it: the process is alive, its
# window is mapped, it opened on the start page, and once the picture is
# chosen app.state counts drawn frames.
wait_until_drawn () {
  poll $deadline_s find_window && poll $deadline_s page_is start && leave_start_page \
    && poll $deadline_s drawn 3
}

quit_app () {
  gdbus call --session --dest "$app_id" --object-path "$app_path" \
    --method org.gtk.Actions.Activate quit '[]' '{}' >/dev/null 2>>"$outdir/gdbus.log"
}

gone () { ! kill -0 "$pid" 2>/dev/null; }

wait_exit () {
  if ! poll $deadline_s gone; then
    kill "$pid"
    wait "$pid"
    return 124
  fi
  wait "$pid"
}

# A screenshot with many colours and real contrast, as drawn.
shot=$outdir/window.png
screenshot_ok () {
  import -window "$wid" "$shot" 2>/dev/null || return 1
  colours=$(convert "$shot" -format '%k' info:)
  spread=$(convert "$shot" -colorspace Gray -format '%[fx:int(standard_deviation*1000)]' info:)
  [ "$colours" -gt 50 ] && [ "$spread" -gt 20 ]
}

clean_log () { ! grep -qE 'WARNING|CRITICAL|Gtk-|Adwaita-|GLib-' "$1"; }

# 1. The window appears and draws.
start_app
if wait_until_drawn; then ok "the window appears and draws"; else not_ok "the window appears and draws"; fi

# 2. Its screenshot is not blank. The app has drawn frames (above); the X
# server may show them a moment later on a loaded machine, so poll.
if [ -n "${wid:-}" ] && poll $deadline_s screenshot_ok; then
  diag "screenshot $shot: $colours colours, grey spread $spread/1000"
  ok "the screenshot is not blank"
else
  diag "screenshot $shot: ${colours:-no} colours, grey spread ${spread:-none}/1000"
  not_ok "the screenshot is not blank"
fi

# 3. The application exports its actions on the session bus.
if gdbus call --session --dest "$app_id" --object-path "$app_path" \
     --method org.gtk.Actions.List 2>/dev/null | grep -q "'quit'"; then
  ok "app.quit is on the bus"
else
  not_ok "app.quit is on the bus"
fi

# Resize the window and wait until the app has taken the new size, so that
# it saves it when it quits.
xdotool windowsize "$wid" 1000 700 2>/dev/null
if ! poll $deadline_s app_sees_size 1000 700; then
  diag "the app did not take 1000x700: $(state default_width)x$(state default_height)"
fi

# 4. app.quit over D-Bus ends the process cleanly.
quit_app
wait_exit
status=$?
if [ $status -eq 0 ]; then ok "app.quit exits with status 0"; else not_ok "app.quit exits with status 0 (got $status)"; fi

# 5. No GTK/GLib warnings or criticals.
if clean_log "$stderr_log"; then
  ok "no warnings or criticals"
else
  not_ok "no warnings or criticals"
  sed 's/^/# /' "$stderr_log"
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
if wait_until_drawn; then
  poll $deadline_s has_geometry 1000x700
  diag "second run geometry: $(geometry)"
  if has_geometry 1000x700; then ok "the next run opens at the saved size"
  else not_ok "the next run opens at the saved size"; fi
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
if wait_until_drawn; then
  poll $deadline_s wide 1800
  diag "maximized run geometry: $(geometry)"
  if wide 1800; then ok "a window closed maximized opens maximized"
  else not_ok "a window closed maximized opens maximized"; fi
else
  not_ok "a window closed maximized opens maximized (no window)"
fi

# 9. Quitting while maximized keeps the state and the size to return to;
# every run exited cleanly and logged no warning.
quit_app
wait_exit
status3=$?
logs_clean=true
for log in "$outdir"/stderr-*.log; do
  clean_log "$log" || { logs_clean=false; diag "$log:"; sed 's/^/# /' "$log"; }
done
if [ $status2 -eq 0 ] && [ $status3 -eq 0 ] && $logs_clean \
   && grep -q '^window-maximized=true' "$keyfile" \
   && grep -q '^window-size=(1000, 700)' "$keyfile"; then
  ok "maximized state and unmaximized size are kept, clean exits"
else
  not_ok "maximized state and unmaximized size are kept, clean exits ($status2, $status3)"
  sed 's/^/# /' "$keyfile"
fi

exit $failed
