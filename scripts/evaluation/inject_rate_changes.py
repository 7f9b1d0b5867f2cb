#!/usr/bin/env python3
"""Add abrupt heart-rate changes to a real 1 Hz ECG heart-rate recording, to check that DEVIATION still sees them.

The output is a perturbed copy, not a recording: it exists only to measure how many of a known set of changes an
alert policy opens a DEVIATION for. From the middle of the record, every 150 s, the rate changes by +30, -30, +30,
-30, +30, -30 bpm, reached in 1, 1, 3, 3, 10 and 10 s, held for 90 s and then dropped back at once; the first half is
left as recorded, so the false alerts of a policy can be counted there.

Usage: inject_rate_changes.py LONG_CSV OUT_CSV
  LONG_CSV  Vitalcast long readings (timestamp,patient_id,signal,value[,unit]) of one ecg_heart_rate series
  OUT_CSV   wide CSV: time_s (from the first reading), hr (bpm), label (1 for the 15 s after each change's onset)
"""
import csv
import sys
from datetime import datetime

PROFILES = [(30, 1), (-30, 1), (30, 3), (-30, 3), (30, 10), (-30, 10)]
EVERY_S, HELD_S, LABELLED_S = 150, 90, 15


def main(source, target):
    values = []
    with open(source, newline='') as f:
        for row in csv.DictReader(f):
            t = datetime.fromisoformat(row['timestamp'].replace('Z', '+00:00')).timestamp()
            values.append((t, float(row['value'])))
    n = len(values)
    added, labels = [0.0] * n, [0] * n
    onset = n // 2
    for delta, ramp in PROFILES:
        if onset + 120 >= n:
            break
        for j in range(onset, min(n, onset + HELD_S)):
            added[j] = delta * min(1.0, (j - onset + 1) / ramp)
        for j in range(onset, min(n, onset + LABELLED_S)):
            labels[j] = 1
        onset += EVERY_S
    t0 = values[0][0]
    with open(target, 'w', newline='') as f:
        out = csv.writer(f)
        out.writerow(['time_s', 'hr', 'label'])
        for j, (t, v) in enumerate(values):
            out.writerow([f"{t - t0:.0f}", f"{v + added[j]:.2f}", labels[j]])


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
