#!/usr/bin/env python3
"""Validate assets/context_events.ron against its rules and its sources table.

Checks, with regexes only (no RON library needed):
  * every `(date: ..., end: ..., title: ..., description: ...)` entry parses, and no other
    `date:` entry is left unparsed;
  * `date` and `end` are ISO "YYYY-MM-DD" or "YYYY-MM" and real calendar dates, within 1945-1996;
  * `end`, when present, is not before `date` and differs from it;
  * entries are sorted by date, then end (a month counts from its first day; an end month up
    to its last day);
  * titles are unique, at most 32 characters; descriptions one line, at most 140 characters;
  * `rank`, when present (after the description), is 1, 2 or 3;
  * every title has a row in docs/context_events_sources.md with two http(s) references, and the
    row's date(s) match the RON entry.

Usage: python3 docs/check_context_events.py [path/to/context_events.ron [path/to/sources.md]]
Exit status 0 when everything passes, 1 otherwise.
"""

import calendar
import datetime as dt
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
RON_PATH = os.path.join(ROOT, "assets", "context_events.ron")
MD_PATH = os.path.join(HERE, "context_events_sources.md")

MAX_TITLE = 32
MAX_DESC = 140
FIRST = dt.date(1945, 1, 1)
LAST = dt.date(1996, 12, 31)

STR = r'"((?:[^"\\\n]|\\.)*)"'
ENTRY = re.compile(
    r'\(\s*date:\s*' + STR +
    r'\s*,\s*end:\s*(?:None|Some\(\s*' + STR + r'\s*\))' +
    r'\s*,\s*title:\s*' + STR +
    r'\s*,\s*description:\s*' + STR +
    r'(?:\s*,\s*rank:\s*[123])?' +
    r'\s*,?\s*\)'
)
DAY = re.compile(r'^(\d{4})-(\d{2})-(\d{2})$')
MONTH = re.compile(r'^(\d{4})-(\d{2})$')
URL = re.compile(r'<?(https?://[^\s>|]+)>?')


def unescape(s):
    return re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t'}.get(m.group(1), m.group(1)), s)


def span(value):
    """(first_day, last_day) covered by an ISO day or month; raises ValueError if invalid."""
    m = DAY.match(value)
    if m:
        d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return d, d
    m = MONTH.match(value)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        first = dt.date(y, mo, 1)
        return first, dt.date(y, mo, calendar.monthrange(y, mo)[1])
    raise ValueError("not YYYY-MM-DD or YYYY-MM")


def strip_comments(text):
    """Blank out RON line comments (whole-line `//` comments; entries carry no URLs)."""
    return "\n".join("" if line.lstrip().startswith("//") else line for line in text.splitlines())


def parse_ron(path):
    text = strip_comments(open(path, encoding="utf-8").read())
    entries = []
    for m in ENTRY.finditer(text):
        date, end, title, desc = m.group(1), m.group(2), m.group(3), m.group(4)
        line = text.count("\n", 0, m.start()) + 1
        entries.append(dict(line=line, date=date, end=end,
                            title=unescape(title), description=unescape(desc)))
    return text, entries


def parse_sources(path):
    rows = {}
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        if not line.startswith("|") or line.startswith("|---"):
            continue
        cells = [c.strip() for c in re.split(r'(?<!\\)\|', line.strip())[1:-1]]
        if len(cells) < 5 or cells[0] == "Event title":
            continue
        title = cells[0].replace("\\|", "|")
        rows.setdefault(title, []).append(dict(line=n, dates=cells[1],
                                               ref1=URL.findall(cells[2]), ref2=URL.findall(cells[3])))
    return rows


def main(argv):
    ron_path = argv[1] if len(argv) > 1 else RON_PATH
    md_path = argv[2] if len(argv) > 2 else MD_PATH
    errors = []

    def err(line, msg):
        errors.append("%s:%s: %s" % (os.path.relpath(ron_path, ROOT), line, msg))

    text, entries = parse_ron(ron_path)
    if not entries:
        print("FAIL: no events parsed from %s" % ron_path)
        return 1
    if len(re.findall(r'\(\s*date:', text)) != len(entries):
        errors.append("%d `(date:` entries in the file but %d parsed; check the syntax"
                      % (len(re.findall(r'\(\s*date:', text)), len(entries)))
    if not re.search(r'^\(\s*events:\s*\[', text.strip(), re.S) or not text.strip().endswith(")"):
        errors.append("file is not of the form ( events: [ ... ], )")

    keys, titles = [], {}
    n_intervals = n_month = 0
    for e in entries:
        t, desc = e["title"], e["description"]
        if not t.strip():
            err(e["line"], "empty title")
        if len(t) > MAX_TITLE:
            err(e["line"], "title %r is %d characters (max %d)" % (t, len(t), MAX_TITLE))
        if t in titles:
            err(e["line"], "duplicate title %r (also line %d)" % (t, titles[t]))
        titles[t] = e["line"]
        if not desc.strip():
            err(e["line"], "empty description")
        if "\n" in desc or "\r" in desc:
            err(e["line"], "description of %r is not one line" % t)
        if len(desc) > MAX_DESC:
            err(e["line"], "description of %r is %d characters (max %d)" % (t, len(desc), MAX_DESC))

        try:
            d0, d1 = span(e["date"])
        except ValueError as x:
            err(e["line"], "date %r invalid: %s" % (e["date"], x))
            continue
        if d0 < FIRST or d1 > LAST:
            err(e["line"], "date %s outside 1945-1996" % e["date"])
        if MONTH.match(e["date"]):
            n_month += 1
        e0, e1 = d0, d1
        if e["end"] is not None:
            n_intervals += 1
            try:
                e0, e1 = span(e["end"])
            except ValueError as x:
                err(e["line"], "end %r invalid: %s" % (e["end"], x))
                continue
            if MONTH.match(e["end"]):
                n_month += 1
            if e1 > LAST:
                err(e["line"], "end %s after 1996" % e["end"])
            if e0 < d0:
                err(e["line"], "end %s is before date %s" % (e["end"], e["date"]))
            if e["end"] == e["date"]:
                err(e["line"], "end equals date %s; use end: None" % e["date"])
        keys.append(((d0, e1), e))

    for (k_prev, e_prev), (k, e) in zip(keys, keys[1:]):
        if k < k_prev:
            err(e["line"], "%r (%s) is out of order after %r (%s)"
                % (e["title"], e["date"], e_prev["title"], e_prev["date"]))

    rows = parse_sources(md_path)
    md_rel = os.path.relpath(md_path, ROOT)
    for e in entries:
        r = rows.get(e["title"])
        if not r:
            err(e["line"], "title %r has no row in %s" % (e["title"], md_rel))
            continue
        if len(r) > 1:
            errors.append("%s: title %r has %d rows" % (md_rel, e["title"], len(r)))
        row = r[0]
        if len(row["ref1"]) < 1 or len(row["ref2"]) < 1:
            errors.append("%s:%d: %r needs two references (URLs)" % (md_rel, row["line"], e["title"]))
        elif row["ref1"][0] == row["ref2"][0]:
            errors.append("%s:%d: %r cites the same URL twice" % (md_rel, row["line"], e["title"]))
        want = e["date"] if e["end"] is None else "%s – %s" % (e["date"], e["end"])
        if row["dates"] != want:
            errors.append("%s:%d: %r dates %r differ from the RON file (%r)"
                          % (md_rel, row["line"], e["title"], row["dates"], want))
    for title, r in rows.items():
        if title not in titles:
            errors.append("%s:%d: row %r has no event in the RON file" % (md_rel, r[0]["line"], title))

    if errors:
        print("FAIL: %d problem(s)" % len(errors))
        for m in errors:
            print("  " + m)
        return 1
    first, last = entries[0], entries[-1]
    print("OK: %d events (%d intervals, %d month-precision dates), %s .. %s; sorted; "
          "all titles <= %d chars, descriptions <= %d chars; every title has two references in %s"
          % (len(entries), n_intervals, n_month, first["date"], last["end"] or last["date"],
             MAX_TITLE, MAX_DESC, md_rel))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
