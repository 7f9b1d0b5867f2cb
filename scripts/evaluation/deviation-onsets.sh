#!/usr/bin/env bash
# How many abrupt heart-rate changes (added to real records by inject_rate_changes.py) an ECG heart-rate alert policy
# opens a DEVIATION for within 15 s, and how many DEVIATION alerts it opens in the records' unchanged first halves.
#
# Usage: scripts/evaluation/deviation-onsets.sh [backtest options...]
#   e.g. --set vitalcast.alert.ecg_heart_rate.margin=1.0; no options: the built-in production policy.
# Run from the repository root after `mvn -o package -DskipTests`. RECORDS picks the records (default: the nine
# mostly normal-rhythm MIT-BIH records among those that chose settings, 100 101 112 113 115 117 121 122 123).
set -euo pipefail
RECORDS=${RECORDS:-"100 101 112 113 115 117 121 122 123"}
MODEL=${MODEL:-samples/models/ecg_heart_rate.json}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
for r in $RECORDS; do
  src=samples/mitdb-population/ecg_heart_rate/mitdb-$r.csv
  [ -f "$src" ] || src=samples/mitdb-${r}_ecg_heart_rate_1hz.csv
  python3 scripts/evaluation/inject_rate_changes.py "$src" "$TMP/$r.csv"
  java -jar target/vitalcast.jar backtest --input "$TMP/$r.csv" --time-column time_s --time-unit s \
    --column hr=ecg_heart_rate --signal ecg_heart_rate --model "$MODEL" --list-alerts "$@" > "$TMP/$r.out" 2>/dev/null
  python3 - "$r" "$TMP/$r.csv" "$TMP/$r.out" <<'PY'
import csv, re, sys
rows = list(csv.DictReader(open(sys.argv[2])))
onsets = [int(r['time_s']) for i, r in enumerate(rows) if r['label'] == '1' and (i == 0 or rows[i - 1]['label'] == '0')]
from datetime import datetime
# a wide CSV's time_s counts from the PhysioNet origin 2000-01-01T00:00:00Z, which --list-alerts prints
origin = datetime.fromisoformat('2000-01-01T00:00:00+00:00').timestamp()
opens = []
for line in open(sys.argv[3]):
    m = re.match(r'\s+(\S+)\s+DEVIATION\s+OPEN', line)
    if m:
        opens.append(datetime.fromisoformat(m.group(1).replace('Z', '+00:00')).timestamp() - origin)
seen = sum(1 for o in onsets if any(o - 1 <= t <= o + 15 for t in opens))
first_half = int(rows[len(rows) // 2]['time_s']) - 10
false = sum(1 for t in opens if t < first_half)
print(f"{sys.argv[1]} {len(onsets)} {seen} {false} {first_half / 3600:.4f}")
PY
done | awk '{n+=$2; s+=$3; f+=$4; h+=$5; print "record " $1 ": " $3 " of " $2 " changes seen, " $4 " DEVIATION in the first half"}
  END {printf "changes seen: %d of %d; DEVIATION alerts in the unchanged first halves: %d in %.2f h (%.2f an hour)\n", s, n, f, h, f / h}'
