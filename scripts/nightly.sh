#!/usr/bin/env bash
# Nightly run for cron or CI. Runs the configured models over the corpus under a stable run name,
# so a job that was killed and started again continues the same run instead of paying twice.
#
#   MODELS="reference deepseek:deepseek-chat" BUDGET=5 scripts/nightly.sh
#
# Exit codes: 0 done; 1 done, but unscored samples or a regression passed a threshold;
# 2 usage error; 3 infrastructure failure (no sandbox, database locked).
set -euo pipefail
cd "$(dirname "$0")/.."

MODELS=${MODELS:-reference}
DB=${DB:-results/codebench.db}
NAME=${NAME:-nightly-$(date -u +%Y-%m-%d)}
args=()
for m in $MODELS; do args+=(--model "$m"); done
[ -n "${BUDGET:-}" ] && args+=(--budget "$BUDGET")
[ -n "${SHARD:-}" ] && args+=(--shard "$SHARD")
[ -n "${SAMPLES:-}" ] && args+=(--samples "$SAMPLES")

out="results/$NAME${SHARD:+-${SHARD//\//of}}.json"
status=0
npx codebench run "${args[@]}" --fresh --name "$NAME" --db "$DB" --json > "$out" || status=$?
[ "$status" -eq 0 ] || exit "$status"

# Unscored samples above a threshold mean the numbers cannot be trusted tonight.
max_unscored=${MAX_UNSCORED:-0}
unscored=$(node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); console.log(r.models.reduce((a,m)=>a+m.counts.unscored,0))' "$out")
echo "nightly $NAME: unscored $unscored (threshold $max_unscored)" >&2
if [ "$unscored" -gt "$max_unscored" ]; then exit 1; fi
