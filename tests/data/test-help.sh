#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Each page of the user help is valid Mallard (yelp-check validate, from
# yelp-tools, which build-aux/test installs), and every link in the help
# leads to a page of it. Without yelp-check the test says SKIP.
# Usage: test-help.sh PAGE...
set -u

if ! command -v yelp-check >/dev/null 2>&1; then
  echo "1..0 # SKIP yelp-check is not installed (Debian package yelp-tools)"
  exit 0
fi

n=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

for page in "$@"; do
  n=$((n + 1))
  if yelp-check validate "$page" >"$log" 2>&1 && [ ! -s "$log" ]; then
    echo "ok $n - $(basename "$page") is valid Mallard"
  else
    echo "not ok $n - $(basename "$page") is valid Mallard"
    sed 's/^/# /' "$log"
    failed=1
  fi
done

n=$((n + 1))
if yelp-check links "$@" >"$log" 2>&1 && [ ! -s "$log" ]; then
  echo "ok $n - every link leads to a page of the help"
else
  echo "not ok $n - every link leads to a page of the help"
  sed 's/^/# /' "$log"
  failed=1
fi

echo "1..$n"
exit $failed
