#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The generated manual pages render without a warning from groff or man, have
# the sections a manual page needs, and the soleus-cli page describes every
# command the program lists and every control of the core's parameter table
# (the options of 'soleus-cli run').
# Usage: test-man.sh SOLEUS_CLI SOLEUS.1 SOLEUS_CLI.1
set -u

for tool in groff man; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "1..0 # SKIP $tool is not installed (Debian packages groff-base and man-db)"
    exit 0
  fi
done

soleus_cli=$1
shift
n=0
failed=0

ok ()     { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); echo "not ok $n - $1"; failed=1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for page in "$@"; do
  name=$(basename "$page")
  # -ww: every warning; -z: no output, only the diagnostics.
  if groff -man -Tutf8 -ww -z "$page" >"$tmp/groff.log" 2>&1 && [ ! -s "$tmp/groff.log" ]; then
    ok "$name: groff renders it without a warning"
  else
    not_ok "$name: groff renders it without a warning"; sed 's/^/# /' "$tmp/groff.log"
  fi
  if MANWIDTH=80 man --warnings -l "$page" >"$tmp/page.txt" 2>"$tmp/man.log" \
     && [ ! -s "$tmp/man.log" ]; then
    ok "$name: man -l renders it without a warning"
  else
    not_ok "$name: man -l renders it without a warning"; sed 's/^/# /' "$tmp/man.log"
  fi
  missing=""
  for section in NAME SYNOPSIS DESCRIPTION OPTIONS "SEE ALSO"; do
    grep -q "^$section\$" "$tmp/page.txt" || missing="$missing $section"
  done
  if [ -z "$missing" ]; then
    ok "$name: has NAME, SYNOPSIS, DESCRIPTION, OPTIONS and SEE ALSO"
  else
    not_ok "$name: lacks$missing"
  fi
  case $name in
    soleus-cli.1) cp "$tmp/page.txt" "$tmp/cli.txt" ;;
  esac
done

if [ -f "$tmp/cli.txt" ]; then
  commands=$(LC_ALL=C "$soleus_cli" --help \
             | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p')
  options=$(LC_ALL=C "$soleus_cli" run --help | sed -n 's/^  \(--[a-z][a-z-]*\).*/\1/p')
  missing=""
  for command in $commands; do
    grep -q "^SOLEUS-CLI $(echo "$command" | tr '[:lower:]' '[:upper:]')\$" "$tmp/cli.txt" \
      || [ "$command" = help ] || missing="$missing $command"
  done
  for option in $options; do
    grep -q -- "^       $option\\b" "$tmp/cli.txt" || missing="$missing $option"
  done
  if [ -n "$commands" ] && [ -n "$options" ] && [ -z "$missing" ]; then
    ok "soleus-cli.1: a section for each command, an entry for each option of run"
  else
    not_ok "soleus-cli.1: misses:$missing"
  fi
fi

echo "1..$n"
exit $failed
