#!/usr/bin/env bash
# Decodes the MIT-BIH Arrhythmia Database's reference beat annotations (NNN.atr, NNN.hea) of the records Vitalcast
# may train on into the long readings files of samples/mitdb-population/: ecg_heart_rate (1 Hz, the beat-to-beat
# rate interpolated in time) and rr_interval (one reading per beat).
#
# Usage: scripts/physionet/make-mitdb-population.sh RAW_DIR
#   RAW_DIR holds NNN.atr and NNN.hea of MIT-BIH Arrhythmia 1.0.0 (https://physionet.org/content/mitdb/1.0.0/,
#   ODC-By 1.0). Run from the repository root after `mvn -o package -DskipTests`.
#
# Records 100 and 105 are in samples/ already; records 102, 103, 104, 106, 107, 108 and 208 are reserved for the
# team's final evaluation and are never decoded here, even when RAW_DIR has them.
set -euo pipefail
RAW=${1:?usage: $0 RAW_DIR}
OUT=samples/mitdb-population
RECORDS="101 109 111 112 113 114 115 116 117 118 119 121 122 123 124 200 201 202 203 205 207 209 210 212 213 214
215 217 219 220 221 222 223 228 230 231 232 233 234"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT/ecg_heart_rate" "$OUT/rr_interval"
for r in $RECORDS; do
  # Intervals over 6 s are stretches without annotated beats (record 207's ventricular flutter), not rates.
  python3 scripts/physionet/decode_mit_annotations.py "$RAW/$r.atr" --max-rr 6 --out "$TMP"
  java -jar target/vitalcast.jar convert --input "$TMP/${r}_hr_1hz.csv" --time-column time_s --time-unit s \
    --column hr_bpm=ecg_heart_rate --patient "mitdb-$r" --output "$OUT/ecg_heart_rate/mitdb-$r.csv"
  java -jar target/vitalcast.jar convert --input "$TMP/${r}_beats_rr.csv" --time-column time_s --time-unit s \
    --column rr_s=rr_interval --patient "mitdb-$r" --output "$OUT/rr_interval/mitdb-$r.csv"
done
