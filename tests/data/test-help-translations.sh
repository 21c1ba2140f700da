#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The translations of the user help: for each language in help/LINGUAS, its
# help/<lang>/<lang>.po translates every message of the current pages (none
# untranslated or fuzzy against a template made afresh with itstool), and
# the translated pages that the build merged (gnome.yelp) are all there and
# valid Mallard (yelp-check validate). Without itstool or yelp-check
# (Debian packages itstool, yelp-tools) the test says SKIP.
# Usage: test-help-translations.sh SOURCE_HELP_DIR BUILD_HELP_DIR
set -u
src=$1
build=$2

for tool in itstool yelp-check msgmerge msgfmt; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "1..0 # SKIP $tool is not installed (Debian packages itstool, yelp-tools, gettext)"
    exit 0
  fi
done

n=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$src/C" && itstool -o "$tmp/help.pot" ./*.page) || exit 1
languages=$(sed 's/#.*//' "$src/LINGUAS" | tr -s ' \n' ' ')
for lang in $languages; do
  n=$((n + 1))
  po=$src/$lang/$lang.po
  if msgmerge --quiet --no-fuzzy-matching "$po" "$tmp/help.pot" -o "$tmp/$lang.po" 2>"$tmp/log" \
     && stats=$(msgfmt --statistics -o /dev/null "$tmp/$lang.po" 2>&1) \
     && ! echo "$stats" | grep -qE 'fuzzy|untranslated'; then
    echo "ok $n - $lang: every message of the help is translated ($stats)"
  else
    echo "not ok $n - $lang: every message of the help is translated"
    echo "${stats:-}" | sed 's/^/# /'
    sed 's/^/# /' "$tmp/log"
    failed=1
  fi

  n=$((n + 1))
  missing=""
  for page in "$src"/C/*.page; do
    [ -s "$build/$lang/$(basename "$page")" ] || missing="$missing $(basename "$page")"
  done
  if [ -z "$missing" ] && yelp-check validate "$build/$lang"/*.page >"$tmp/log" 2>&1 \
     && [ ! -s "$tmp/log" ]; then
    echo "ok $n - $lang: the translated pages are all there and valid Mallard"
  else
    echo "not ok $n - $lang: the translated pages are all there and valid Mallard"
    [ -z "$missing" ] || echo "# missing:$missing"
    sed 's/^/# /' "$tmp/log"
    failed=1
  fi

  n=$((n + 1))
  english=$(sed -n 's:.*<title>\(.*\)</title>.*:\1:p' "$src/C/index.page" | head -n 1)
  translated=$(sed -n 's:.*<title>\(.*\)</title>.*:\1:p' "$build/$lang/index.page" 2>/dev/null \
    | head -n 1)
  if [ -n "$translated" ] && [ "$translated" != "$english" ]; then
    echo "ok $n - $lang: the help's title is “$translated”"
  else
    echo "not ok $n - $lang: the help's title is translated (got “$translated”)"
    failed=1
  fi
done

echo "1..$n"
exit $failed
