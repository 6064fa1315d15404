#!/usr/bin/env python3
"""Import circles among the crate's modules, from the code's own `crate::` and `super::` paths:
pairs of modules that import each other (a parent and its child excepted, test-only modules
left out unless --with-tests), and cycles among the top-level modules and among the app's
rooms. `--edges a,b,c` lists the edges between those top-level modules.
Usage (from the project folder): python3 scripts/circles.py [src] [--with-tests] [--edges M,N]"""
import os, re, sys, itertools
src = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith('--') else 'src'
mods = {}
for root, _, files in os.walk(src):
    for f in files:
        if not f.endswith('.rs'): continue
        p = os.path.join(root, f)
        rel = os.path.relpath(p, src)[:-3].split(os.sep)
        if rel[-1] in ('mod', 'lib', 'main'): rel = rel[:-1]
        if rel and (rel[-1] == 'tests' or rel[-1].endswith('_tests')) and '--with-tests' not in sys.argv: continue
        mods['::'.join(rel)] = open(p, encoding='utf-8').read()
names = set(mods)
def resolve(path):
    # longest prefix that is a module
    parts = path.split('::')
    for i in range(len(parts), 0, -1):
        cand = '::'.join(parts[:i])
        if cand in names: return cand
    return None
def strip_tests(text):
    # drop #[cfg(test)] mod tests { ... } blocks crudely: from '#[cfg(test)]' to end
    i = text.find('#[cfg(test)]')
    return text if i < 0 else text[:i]
edges = {}
for m, text in mods.items():
    text = strip_tests(text)
    text = re.sub(r'//[^\n]*', '', text)
    deps = set()
    # expand use groups crudely: crate::a::{b, c::d}
    for mo in re.finditer(r'\bcrate((?:::\w+)+)(::\{([^;]*?)\})?', text):
        base = mo.group(1)[2:]
        if mo.group(3):
            for item in re.split(r',', mo.group(3)):
                item = item.strip().split(' as ')[0].strip('{} \n')
                if item and re.match(r'^[\w:]+', item):
                    item = re.match(r'^[\w:]+', item).group(0)
                    r = resolve(base + '::' + item)
                    if r: deps.add(r)
        r = resolve(base)
        if r: deps.add(r)
    # super:: relative
    me = m.split('::') if m else []
    # a file module's super is its parent module
    for mo in re.finditer(r'\b((?:super::)+)(\w+(?:::\w+)*)', text):
        n = mo.group(1).count('super::')
        parent = me[:len(me)-n] if n <= len(me) else []
        r = resolve('::'.join(parent + mo.group(2).split('::')))
        if r is not None: deps.add(r)
    deps.discard(m)
    edges[m] = deps
def anc(a, b):
    return a == '' or b == '' or b.startswith(a + '::') or a.startswith(b + '::')
pairs = set()
for a, ds in edges.items():
    for b in ds:
        if a in edges.get(b, ()) and not anc(a, b):
            pairs.add(tuple(sorted((a, b))))
print('pairs:', len(pairs))
for a, b in sorted(pairs): print(f'  {a} <-> {b}')
# room level cycles under app
def room(m, depth):
    parts = m.split('::')
    return '::'.join(parts[:depth]) if len(parts) >= depth else m
for top, depth in (('app', 2), ('', 1)):
    g = {}
    for a, ds in edges.items():
        if top and not (a == top or a.startswith(top + '::')): continue
        ra = room(a, depth)
        for b in ds:
            if top and not (b == top or b.startswith(top + '::')): continue
            rb = room(b, depth)
            if ra != rb and not anc(ra, rb): g.setdefault(ra, set()).add(rb)
    # SCCs
    idx = {}; low = {}; st = []; on = set(); out = []; c = [0]
    sys.setrecursionlimit(10000)
    def sc(v):
        idx[v] = low[v] = c[0]; c[0] += 1; st.append(v); on.add(v)
        for w in g.get(v, ()):
            if w not in idx: sc(w); low[v] = min(low[v], low[w])
            elif w in on: low[v] = min(low[v], idx[w])
        if low[v] == idx[v]:
            comp = []
            while True:
                w = st.pop(); on.discard(w); comp.append(w)
                if w == v: break
            if len(comp) > 1: out.append(sorted(comp))
    for v in list(g): 
        if v not in idx: sc(v)
    print(f'cycles among {"app rooms" if top else "top-level modules"}:', len(out))
    for comp in out: print('  ', ' , '.join(comp))
if '--edges' in sys.argv:
    tops = sys.argv[sys.argv.index('--edges')+1].split(',')
    for a, ds in sorted(edges.items()):
        for b in sorted(ds):
            ta, tb = a.split('::')[0], b.split('::')[0]
            if ta != tb and ta in tops and tb in tops: print(f'    {a} -> {b}')
