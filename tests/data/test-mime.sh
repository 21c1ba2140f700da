#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The shared-mime-info entry of this build is valid and does what it is for:
# it is well-formed XML, update-mime-database takes it without a complaint
# into a fresh MIME database, and with that database a .soleus file (by its
# name alone) and a scenario file without the extension (by its
# [Soleus Scenario] group) have the Soleus scenario type, while a plain text
# file does not. The comment
# carries its translations.
# Usage: test-mime.sh MIME_XML SAMPLE.soleus MIME_TYPE
set -u

for tool in xmllint update-mime-database gio; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "1..0 # SKIP $tool is not installed (Debian packages libxml2-utils, shared-mime-info)"
    exit 0
  fi
done

mime_xml=$1
sample=$2
mime_type=$3
n=0
failed=0

ok ()     { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); echo "not ok $n - $1"; failed=1; }

echo "1..7"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if xmllint --noout "$mime_xml" 2>"$tmp/xmllint.log"; then
  ok "$(basename "$mime_xml") is well-formed XML"
else
  not_ok "$(basename "$mime_xml") is well-formed XML"; sed 's/^/# /' "$tmp/xmllint.log"
fi

for lang in de es fr; do
  if xmllint --xpath "//*[local-name()='comment'][@xml:lang='$lang']" "$mime_xml" \
       >/dev/null 2>&1; then
    ok "the comment is translated to $lang"
  else
    not_ok "the comment is translated to $lang"
  fi
done

mkdir -p "$tmp/mime/packages"
cp "$mime_xml" "$tmp/mime/packages/"
if XDG_DATA_HOME="$tmp" XDG_DATA_DIRS="$tmp:/usr/share" \
     update-mime-database "$tmp/mime" >"$tmp/update.log" 2>&1 && [ ! -s "$tmp/update.log" ]; then
  ok "update-mime-database takes it without a complaint"
else
  not_ok "update-mime-database takes it without a complaint"; sed 's/^/# /' "$tmp/update.log"
fi

printf '# A scenario to write later\n' >"$tmp/draft.soleus"
cp "$sample" "$tmp/lesson-without-extension"
printf 'Just some notes.\n' >"$tmp/notes.soleus.txt"

# gio resolves content types with XDG_DATA_HOME and XDG_DATA_DIRS: only the
# fresh database and the system's own freedesktop.org types.
content_type () {
  XDG_DATA_HOME="$tmp" XDG_DATA_DIRS="$tmp:/usr/share" \
    gio info --attributes=standard::content-type "$1" 2>&1 \
    | sed -n 's/^ *standard::content-type: //p'
}

by_name=$(content_type "$tmp/draft.soleus")
by_data=$(content_type "$tmp/lesson-without-extension")
other=$(content_type "$tmp/notes.soleus.txt")
if [ "$by_name" = "$mime_type" ] && [ "$by_data" = "$mime_type" ]; then
  ok "a scenario file is $mime_type, by its name and by its contents"
else
  not_ok "a scenario file is $mime_type, by its name and by its contents"
  echo "# by name: '$by_name', by contents: '$by_data'"
fi
if [ -n "$other" ] && [ "$other" != "$mime_type" ]; then
  ok "a plain text file is not ($other)"
else
  not_ok "a plain text file is not: '$other'"
fi

exit $failed
