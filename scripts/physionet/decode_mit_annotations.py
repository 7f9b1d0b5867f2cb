#!/usr/bin/env python3
"""Decode a WFDB / MIT-format annotation file (e.g. MIT-BIH Arrhythmia ``NNN.atr``) to CSV.

Standard library only (Python 3.6+).

Usage
-----
    python3 decode_mit_annotations.py ANNFILE [--hea HEADER] [--fs HZ] [--rec NAME] [--out DIR]

    ANNFILE   the binary annotation file, e.g. raw/mitdb/101.atr
    --hea     the record header (NNN.hea); its first line gives the sampling frequency.
              Default: ANNFILE with the extension replaced by .hea, if present.
    --fs      sampling frequency in Hz (overrides the header; default 360 = MIT-BIH Arrhythmia)
    --rec     record name used for output file names (default: ANNFILE's base name)
    --out     output directory (default: current directory)
    --max-rr  an interval longer than this many seconds is a stretch without annotated beats (e.g. the
              ventricular flutter of MIT-BIH 207), not a heart rate: its beat gets no hr_bpm, so no
              1 Hz rate is interpolated across it (default: none, which reproduces the reference files)

Writes, for record R:
    R_annotations.csv  sample,time_s,symbol,aami_class,subtype,chan,num,aux   (every annotation)
    R_beats_rr.csv     beat_index,sample,time_s,symbol,aami_class,is_abnormal,rr_s,hr_bpm,rhythm
    R_hr_1hz.csv       time_s,hr_bpm,hr_bpm_last,beats_in_second,abnormal_beats_in_second,rhythm

Definitions (without --max-rr they reproduce the team's reference decodes of MIT-BIH 100 and 105 exactly):
  * Beat symbols: N L R e j A a J S V E F / f Q.  AAMI: N,L,R,e,j->N; A,a,J,S->S; V,E->V; F->F;
    /,f,Q->Q.  is_abnormal = 1 for S, V, F.
  * rr_s = time since the previous beat (blank for the first); hr_bpm = 60/rr_s, on the beat that
    ends the interval.  rhythm = AUX string of the latest '+' rhythm annotation at or before the
    beat, kept as written (e.g. "(N", "(AFIB"); blank before the first.
  * 1 Hz table: one row per whole second t = 0, 1, ... while t*fs < number of samples in the
    record (from the header; 650000 samples -> t = 0..1805 for MIT-BIH), or up to floor(time of the
    last beat) when no header length is known (rows after the last beat are kept: hr_bpm blank,
    hr_bpm_last carried).
      hr_bpm      = linear interpolation in time of the beat hr_bpm values between the last beat
                    at or before t and the next beat after t (both must have an hr value, else
                    blank) - the same as WFDB "ihr" resampled;
      hr_bpm_last = hr_bpm of the last beat at or before t (causal);
      beats_in_second / abnormal_beats_in_second = counts of beats with t <= time < t+1;
      rhythm      = rhythm in force at time t (blank before the first '+').
  * Times are sample/fs, printed with 4 decimals; rr_s 4 decimals; heart rates 2 decimals.

File format (MIT annotation format, see WFDB "annot(5)"): a stream of 16-bit little-endian words;
high 6 bits = annotation code A, low 10 bits = I.  A in 1..49: an annotation of that type at time
(previous + I).  A = 59 SKIP: the next two words hold a 32-bit interval, high word first (PDP-11
order), added to the time.  A = 60 NUM, 61 SUB, 62 CHN: set that field of the preceding annotation
to I (num and chan persist to later annotations, as in WFDB's getann).  A = 63 AUX: I bytes of text
follow, padded to an even length.  A word 0 (A = 0, I = 0) ends the file.

Source and licence: the input files come from PhysioNet databases (e.g. MIT-BIH Arrhythmia Database,
DOI 10.13026/C2F305, Open Data Commons Attribution License v1.0).  Cite Moody GB, Mark RG. The
impact of the MIT-BIH Arrhythmia Database. IEEE Eng Med Biol 20(3):45-50 (2001), and Goldberger AL
et al. PhysioBank, PhysioToolkit, and PhysioNet. Circulation 101(23):e215-e220 (2000).
This script itself was written for the Vitalcast project from the published format description.
"""
import argparse
import csv
import math
import os
import struct
import sys

# WFDB annotation codes (ecgcodes.h) -> mnemonic
CODES = {
    0: '', 1: 'N', 2: 'L', 3: 'R', 4: 'a', 5: 'V', 6: 'F', 7: 'J', 8: 'A', 9: 'S', 10: 'E',
    11: 'j', 12: '/', 13: 'Q', 14: '~', 16: '|', 18: 's', 19: 'T', 20: '*', 21: 'D', 22: '"',
    23: '=', 24: 'p', 25: 'B', 26: '^', 27: 't', 28: '+', 29: 'u', 30: '?', 31: '!', 32: '[',
    33: ']', 34: 'e', 35: 'n', 36: '@', 37: 'x', 38: 'f', 39: '(', 40: ')', 41: 'r',
}
AAMI = {'N': 'N', 'L': 'N', 'R': 'N', 'e': 'N', 'j': 'N',
        'A': 'S', 'a': 'S', 'J': 'S', 'S': 'S',
        'V': 'V', 'E': 'V', 'F': 'F', '/': 'Q', 'f': 'Q', 'Q': 'Q'}
BEATS = set(AAMI)
ABNORMAL = {'S', 'V', 'F'}
SKIP, NUM, SUB, CHN, AUX = 59, 60, 61, 62, 63


def read_annotations(path):
    """Return a list of dicts: sample, code, symbol, subtype, chan, num, aux."""
    with open(path, 'rb') as fh:
        data = fh.read()
    n = len(data) // 2
    words = struct.unpack('<%dH' % n, data[:2 * n])
    anns = []
    t = 0
    chan = 0
    num = 0
    i = 0
    while i < n:
        w = words[i]
        i += 1
        a, v = w >> 10, w & 0x3FF
        if a == 0 and v == 0:
            break  # end of file
        if a == SKIP:
            if i + 1 >= n:
                raise ValueError('%s: truncated SKIP at word %d' % (path, i))
            hi, lo = words[i], words[i + 1]
            i += 2
            interval = (hi << 16) | lo
            if interval >= 1 << 31:
                interval -= 1 << 32
            t += interval
        elif a == NUM:
            num = v if v < 512 else v - 1024
            if anns:
                anns[-1]['num'] = num
        elif a == SUB:
            if anns:
                anns[-1]['subtype'] = v
        elif a == CHN:
            chan = v
            if anns:
                anns[-1]['chan'] = chan
        elif a == AUX:
            nb = v
            raw = bytes()
            nwords = (nb + 1) // 2
            raw = data[2 * i: 2 * i + nb]
            i += nwords
            if anns:
                anns[-1]['aux'] = raw.split(b'\0', 1)[0].decode('latin-1')
        else:
            t += v
            anns.append({'sample': t, 'code': a, 'symbol': CODES.get(a, '[%d]' % a),
                         'subtype': 0, 'chan': chan, 'num': num, 'aux': ''})
    else:
        sys.stderr.write('warning: %s has no end-of-file marker (truncated?)\n' % path)
    return anns


def read_header(path):
    """Return (fs, nsamp) from the record line of a WFDB header (None where absent)."""
    with open(path, encoding='latin-1') as fh:
        for line in fh:
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            parts = line.split()
            fs = nsamp = None
            if len(parts) >= 3:
                fs = float(parts[2].split('/')[0].split('(')[0])
            if len(parts) >= 4:
                nsamp = int(parts[3])
            return fs, nsamp
    return None, None


def f4(x):
    return '%.4f' % x


def f2(x):
    return '%.2f' % x


def decode(ann_path, fs, rec, outdir, nsamp=None, max_rr=None):
    anns = read_annotations(ann_path)
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, rec + '_annotations.csv'), 'w', newline='') as fh:
        w = csv.writer(fh, lineterminator='\n')
        w.writerow(['sample', 'time_s', 'symbol', 'aami_class', 'subtype', 'chan', 'num', 'aux'])
        for a in anns:
            w.writerow([a['sample'], f4(a['sample'] / fs), a['symbol'], AAMI.get(a['symbol'], ''),
                        a['subtype'], a['chan'], a['num'], a['aux']])

    # rhythm changes and beats
    rhythm_changes = []  # (sample, label)
    beats = []
    rhythm = ''
    for a in anns:
        if a['symbol'] == '+' and a['aux']:
            rhythm = a['aux']
            rhythm_changes.append((a['sample'], rhythm))
        if a['symbol'] in BEATS:
            beats.append({'sample': a['sample'], 't': a['sample'] / fs, 'symbol': a['symbol'],
                          'aami': AAMI[a['symbol']], 'rhythm': rhythm})
    prev = None
    for b in beats:
        b['abn'] = 1 if b['aami'] in ABNORMAL else 0
        if prev is None or b['sample'] == prev['sample']:
            b['rr'] = None
            b['hr'] = None
        else:
            b['rr'] = (b['sample'] - prev['sample']) / fs
            b['hr'] = None if max_rr is not None and b['rr'] > max_rr else 60.0 / b['rr']
        prev = b
    with open(os.path.join(outdir, rec + '_beats_rr.csv'), 'w', newline='') as fh:
        w = csv.writer(fh, lineterminator='\n')
        w.writerow(['beat_index', 'sample', 'time_s', 'symbol', 'aami_class', 'is_abnormal',
                    'rr_s', 'hr_bpm', 'rhythm'])
        for k, b in enumerate(beats):
            w.writerow([k, b['sample'], f4(b['t']), b['symbol'], b['aami'], b['abn'],
                        '' if b['rr'] is None else f4(b['rr']),
                        '' if b['hr'] is None else f2(b['hr']), b['rhythm']])

    # 1 Hz table
    rows = []
    if beats:
        last_t = int(math.floor(beats[-1]['t']))
        if nsamp:
            last_t = int(math.floor((nsamp - 1) / fs))
        j = -1  # index of the last beat with time <= t
        r = -1  # index of the last rhythm change with time <= t
        counts = [0] * (last_t + 1)
        abn = [0] * (last_t + 1)
        for b in beats:
            s = int(math.floor(b['t']))
            if 0 <= s <= last_t:
                counts[s] += 1
                abn[s] += b['abn']
        for t in range(last_t + 1):
            while j + 1 < len(beats) and beats[j + 1]['t'] <= t:
                j += 1
            while r + 1 < len(rhythm_changes) and rhythm_changes[r + 1][0] / fs <= t:
                r += 1
            hr = hr_last = None
            if j >= 0:
                hr_last = beats[j]['hr']
                if j + 1 < len(beats):
                    b0, b1 = beats[j], beats[j + 1]
                    if b0['hr'] is not None and b1['hr'] is not None:
                        if b0['t'] == t:
                            hr = b0['hr']
                        else:
                            hr = b0['hr'] + (b1['hr'] - b0['hr']) * (t - b0['t']) / (b1['t'] - b0['t'])
                elif beats[j]['t'] == t:
                    hr = beats[j]['hr']
            rows.append([t, '' if hr is None else f2(hr), '' if hr_last is None else f2(hr_last),
                         counts[t], abn[t], rhythm_changes[r][1] if r >= 0 else ''])
    with open(os.path.join(outdir, rec + '_hr_1hz.csv'), 'w', newline='') as fh:
        w = csv.writer(fh, lineterminator='\n')
        w.writerow(['time_s', 'hr_bpm', 'hr_bpm_last', 'beats_in_second',
                    'abnormal_beats_in_second', 'rhythm'])
        w.writerows(rows)
    return anns, beats, rows


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('annfile')
    p.add_argument('--hea')
    p.add_argument('--fs', type=float)
    p.add_argument('--rec')
    p.add_argument('--out', default='.')
    p.add_argument('--max-rr', type=float)
    args = p.parse_args(argv)
    rec = args.rec or os.path.splitext(os.path.basename(args.annfile))[0]
    fs = args.fs
    nsamp = None
    hea = args.hea or os.path.splitext(args.annfile)[0] + '.hea'
    if os.path.exists(hea):
        hfs, nsamp = read_header(hea)
        if fs is None:
            fs = hfs
    if fs is None:
        fs = 360.0
    anns, beats, rows = decode(args.annfile, fs, rec, args.out, nsamp, args.max_rr)
    sys.stderr.write('%s: fs=%g Hz, %d annotations, %d beats, %d one-second rows\n'
                     % (rec, fs, len(anns), len(beats), len(rows)))


if __name__ == '__main__':
    main()
