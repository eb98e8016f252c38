#!/usr/bin/env bash
# The security probes that need real tools, against a running portal on 127.0.0.1 whose
# rate limits exempt 127.0.0.1 (PORTAL_RATE_LIMIT_EXEMPT), so the probes are not cut short:
#  - sqlmap (Debian) on the lookup and search parameters: no injection point;
#  - schemathesis (PyPI) over /api/v1/openapi.json: no 5xx, every error JSON with a
#    Persian message (end2end/security/hooks.py), answers as the document says.
# Part of .ci/test, against a portal of its own.
# Usage: end2end/security.sh http://127.0.0.1:PORT
set -euo pipefail
base=$1
case "$base" in http://127.0.0.1:*) ;; *) echo "127.0.0.1 only" >&2; exit 2 ;; esac
here=$(cd "$(dirname "$0")" && pwd)
venv="$here/../.tools/venv"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
rc=0

echo "== sqlmap"
for target in \
  "$base/api/v1/tickets/4242424242424242*" \
  "$base/api/v1/messages/4242424242424242*" \
  "$base/tickets/track?code=4242424242424242" \
  "$base/search?q=%D8%A2%D8%A8&scope=news" \
  "$base/counter-offices?q=%D9%82%D9%85" \
  "$base/api/v1/water/dams?from=2024-01-01"; do
  start=$(date +%s)
  # A lookup of a code that does not exist answers 404: that is the page sqlmap compares.
  sqlmap -u "$target" --batch --level 2 --risk 1 --technique BEUST --time-sec 2 --ignore-code 404 \
    --timeout 10 --retries 1 --threads 4 --disable-coloring --output-dir "$dir/sqlmap" \
    >"$dir/sqlmap.log" 2>&1 || true
  techniques=$(grep -c "\[INFO\] testing '" "$dir/sqlmap.log" || true)
  if grep -q "identified the following injection point" "$dir/sqlmap.log"; then
    echo "  INJECTABLE: $target"
    grep -A12 "identified the following injection point" "$dir/sqlmap.log"
    rc=1
  elif grep -Eq "do not appear to be injectable|does not seem to be injectable" "$dir/sqlmap.log"; then
    echo "  ok   ${target#"$base"}: not injectable ($techniques techniques tried, $(( $(date +%s) - start )) s)"
  else
    echo "  FAIL ${target#"$base"}: sqlmap did not finish its tests"
    tail -20 "$dir/sqlmap.log"
    rc=1
  fi
done

echo "== schemathesis"
if SCHEMATHESIS_HOOKS=hooks PYTHONPATH="$here/security" "$venv/bin/schemathesis" \
  --config-file "$here/security/schemathesis.toml" run "$base/api/v1/openapi.json" --max-examples 50 --workers 1 \
  --request-timeout 10 --seed "${PORTAL_SCHEMATHESIS_SEED:-20261129}" --no-color >"$dir/st.log" 2>&1; then
  grep -E "passed|failed|test cases|operations" "$dir/st.log" | tail -5 | sed 's/^/  /'
else
  cat "$dir/st.log"
  rc=1
fi
exit $rc
