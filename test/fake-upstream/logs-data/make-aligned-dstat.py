#!/usr/bin/env python3
"""Writes dstat-tempest-aligned.csv: the real Debian dstat capture beside it (dstat-csv_log.txt,
same header and column layout), resampled at 1 s over the devstack-gate tempest run's window
(2016-06-28 13:37:00-14:12:30 UTC) so the viewer's resource strips line up with the tests.
Rows cycle through the real capture's rows; CPU, load and disk follow a devstack-then-tempest
profile so the strips show shape. Deterministic: re-running gives the same bytes."""
import csv, datetime, io, math, os

here = os.path.dirname(os.path.abspath(__file__))
lines = open(os.path.join(here, 'dstat-csv_log.txt')).read().splitlines()
header, rows = lines[:6], list(csv.reader(lines[6:]))
start = datetime.datetime(2016, 6, 28, 13, 37, 0)
end = datetime.datetime(2016, 6, 28, 14, 12, 30)
header[3] = header[3].replace(header[3].split('"Date:","')[1].rstrip('"'), start.strftime('%d %b %Y %H:%M:%S UTC'))
out = io.StringIO()
out.write('\n'.join(header) + '\n')
w = csv.writer(out, lineterminator='\n')
t, i = start, 0
while t <= end:
    r = list(rows[i % len(rows)])
    minutes = (t - start).total_seconds() / 60
    # devstack (first 19 min) is disk-heavy, tempest after it is CPU-heavy with waves.
    busy = 0.35 + 0.25 * math.sin(minutes / 2.5) ** 2 if minutes < 19 else 0.55 + 0.35 * math.sin(minutes / 1.3) ** 2
    usr, sys = 100 * busy * 0.75, 100 * busy * 0.2
    wai = 8.0 if minutes < 19 and i % 7 == 0 else 0.5
    r[0] = t.strftime('%d-%m %H:%M:%S')
    r[1:5] = ['%.3f' % usr, '%.3f' % sys, '%.3f' % max(0.0, 100 - usr - sys - wai), '%.3f' % wai]
    r[6] = str(int(2.5e9 + 3.5e9 * min(1.0, minutes / 30)))  # memory used grows through the run
    r[12] = str(int(float(r[12]) * (4 if minutes < 19 else 1)))
    r[10:12] = [str(int(60000 * busy)), str(int(25000 * busy))]  # net recv/send, B/s
    r[18] = '%.2f' % (busy * 4)
    w.writerow(r)
    t += datetime.timedelta(seconds=1)
    i += 1
open(os.path.join(here, 'dstat-tempest-aligned.csv'), 'w').write(out.getvalue())
