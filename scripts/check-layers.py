#!/usr/bin/env python3
"""The house's checks, read from the `use` lines: layers point one way, no file imports
itself back through others, and no source file grows past one idea.

Why a script and not a crate: it must run on a fresh machine before anything is built
(CI runs it ahead of `cargo test`), so it is Python 3's standard library only, and it
reads the code as text. It resolves each `crate::…`, `super::…`, `self::…` path (and a
path that starts at a child module or at a name the file imported) to the FILE that
defines the name, following re-exports (`pub use`), so a module's face (`mod.rs`
handing names on) does not show up as a false dependency.

Checks:
  layer   an import from a lower layer to a higher one (LAYERS below);
  names   ui naming a module other than app and the ground (NAMES_ONLY below);
  cycle   files that import each other in a loop (every strongly connected group);
  size    a source file over MAX_LINES lines, unless it is a listed data file.
Each violation is one line; the exit code is 1 if there is any.

Usage: scripts/check-layers.py [--graph] [--root DIR]
  --graph     also print every file -> file arrow it read, with the names taken
  --root DIR  check another checkout (an older commit, say) instead of this one
"""

import os
import re
import sys
from collections import defaultdict

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
SRC = os.path.join(ROOT, "src")

# The layers, lowest first; a module may import its own layer and any lower one.
# Read from src/lib.rs's doc comment and checked against what the code does:
# - domain, i18n and text_safety are the ground: plain types and rules, the message
#   catalogues and the terminal-safe text that every output uses.
# - search_keys is what the finder keeps of one account; the store keeps it current
#   and the finder reads it, so it sits under both.
# - store (the only code that speaks SQL) and search (the finder) stand side by side.
# - error (an error chain told as one sentence) stands just above the store, whose
#   plain words for a database error it uses; app and cli both tell errors with it, so
#   it must know nothing of either.
# - analytics, visits, exchange, duplicates and demo compute from or write to the
#   store. demo sits here and not at the ground because it fills a book through the
#   store, and nothing below the app needs it.
# - app is the state and meaning of the terminal interface; ui draws it.
# - cli (with `kam bench` in cli/bench.rs, behind the `bench` feature), tui (the terminal
#   loop) and main (the binary) are the entry layer, on top.
LAYERS = [
    ("ground", ["domain", "i18n", "text_safety", "geo"]),
    ("keys", ["search_keys"]),
    ("store", ["store", "search"]),
    ("error", ["error"]),
    ("features", ["analytics", "visits", "exchange", "sync", "duplicates", "demo"]),
    ("app", ["app"]),
    ("ui", ["ui"]),
    ("entry", ["cli", "tui", "main"]),
]
LAYER_OF = {m: i for i, (_, mods) in enumerate(LAYERS) for m in mods}

# What a module may NAME in its paths, beyond the layer rule: the interface draws what app
# hands it, so ui names only app and the ground, never the store, the finder or a feature
# module (their types reach it through app, which re-exports them). Checked on the path as
# written (`crate::store::NoteHit`), since a re-export through app is the point.
NAMES_ONLY = {"ui": {"ui", "app", "domain", "i18n", "text_safety"}}

MAX_LINES = 600
# Data, not logic: word lists and phrase tables of the demo book.
DATA_FILES = {"src/demo/phrases.rs", "src/demo/vocab.rs"}

IDENT = r"[A-Za-z_][A-Za-z0-9_]*"
ITEM_RE = re.compile(
    r"^\s*(?:pub(?:\([^)]*\))?\s+)?(?:async\s+|unsafe\s+|const\s+|extern\s+\"C\"\s+)*"
    r"(fn|struct|enum|trait|type|const|static|union|macro_rules!)\s+(" + IDENT + ")",
    re.M,
)
MOD_DECL_RE = re.compile(r"^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+(" + IDENT + r")\s*;", re.M)
USE_RE = re.compile(r"\b(pub(?:\([^)]*\))?\s+)?use\s+([^;]*);", re.S)
PATH_RE = re.compile(r"(?<![A-Za-z0-9_:])(" + IDENT + r")((?:\s*::\s*" + IDENT + r")+)")


def strip(text):
    """The code with comments, strings and char literals blanked (newlines kept), so a
    brace in '{' or a path in a doc comment is not read as code."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == "r" and re.match(r'r#*"', text[i:]) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            hashes = re.match(r"r(#*)\"", text[i:]).group(1)
            end = text.find('"' + hashes, i + len(hashes) + 2)
            j = n if end < 0 else end + 1 + len(hashes)
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            j += 1
            out.append('"' + re.sub(r"[^\n]", " ", text[i + 1 : j - 1]) + '"')
            i = j
        elif c == "'":
            m = re.match(r"'(\\(x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]+\}|.)|[^\\'])'", text[i:], re.S)
            if m:
                out.append("' '" + " " * (len(m.group(0)) - 3))
                i += len(m.group(0))
            else:  # a lifetime
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def parse_use_tree(s):
    """`a::b::{c, d as e, f::*}` -> [(['a','b','c'], 'c'), (['a','b','d'], 'e'), (['a','b','f'], '*')]."""
    toks = re.findall(r"::|[{},*]|" + IDENT, s)
    pos = 0

    def peek():
        return toks[pos] if pos < len(toks) else None

    def tree(prefix):
        nonlocal pos
        segs = list(prefix)
        while True:
            t = peek()
            if t == "{":
                pos += 1
                results = []
                while peek() not in ("}", None):
                    results += tree(segs)
                    if peek() == ",":
                        pos += 1
                pos += 1
                return results
            if t == "*":
                pos += 1
                return [(segs, "*")]
            if t is None or not re.fullmatch(IDENT, t):
                return []
            pos += 1
            if peek() == "::":
                pos += 1
                segs = segs + [t]
                continue
            alias = t
            if peek() == "as":
                pos += 1
                alias = toks[pos]
                pos += 1
            if t == "self":
                return [(segs, segs[-1] if alias == "self" and segs else alias)]
            return [(segs + [t], alias)]

    return tree([])


class Module:
    def __init__(self, path, file):
        self.path = path  # tuple of segments from the crate root
        self.file = file  # relative path, e.g. src/store/open.rs
        self.children = set()
        self.items = set()
        self.bindings = {}  # name -> (module path it was written in, segments)
        self.globs = []  # segments of `use x::*` at the file's top level


def module_path_of(rel):
    parts = rel[len("src/") : -len(".rs")].split("/")
    if parts[-1] == "mod":
        parts = parts[:-1]
    if parts in (["lib"], ["main"]):
        return ()
    return tuple(parts)


def inline_module_at(code):
    """For each offset, the inline `mod name {` nesting it sits in (e.g. `tests`), and
    the brace depth: a `use` at depth 0 binds a name for the whole module."""
    spans = []  # (start, end, name)
    stack = []
    depth = 0
    for m in re.finditer(r"\bmod\s+(" + IDENT + r")\s*\{|\{|\}", code):
        tok = m.group(0)
        if tok.startswith("mod"):
            depth += 1
            stack.append((m.start(), m.group(1), depth))
        elif tok == "{":
            depth += 1
        else:
            if stack and stack[-1][2] == depth:
                start, name, _ = stack.pop()
                spans.append((start, m.end(), name, len(stack)))
            depth -= 1
    return spans


def load():
    files = {}
    for dirpath, _, names in os.walk(SRC):
        for name in names:
            if name.endswith(".rs"):
                full = os.path.join(dirpath, name)
                rel = os.path.relpath(full, ROOT).replace(os.sep, "/")
                with open(full, encoding="utf-8") as f:
                    files[rel] = f.read()
    return files


def build(files):
    modules = {}
    for rel in files:
        if rel == "src/main.rs":
            continue
        p = module_path_of(rel)
        modules[p] = Module(p, rel)
    stripped = {rel: strip(text) for rel, text in files.items()}
    for rel, code in stripped.items():
        if rel == "src/main.rs":
            continue
        mod = modules[module_path_of(rel)]
        inline = inline_module_at(code)

        def top_level(off):
            return not any(s <= off < e for s, e, _, _ in inline)

        for m in MOD_DECL_RE.finditer(code):
            mod.children.add(m.group(1))
        for m in ITEM_RE.finditer(code):
            if top_level(m.start()):
                mod.items.add(m.group(2))
        for m in USE_RE.finditer(code):
            if not top_level(m.start()) or brace_depth(code, m.start()) != 0:
                continue
            for segs, alias in parse_use_tree(m.group(2)):
                if alias == "*":
                    mod.globs.append(segs)
                else:
                    mod.bindings[alias] = segs
    return modules, stripped


def brace_depth(code, off):
    return code.count("{", 0, off) - code.count("}", 0, off)


def start_module(modules, here, segs, in_main=False):
    """Where a path starts: (module path, remaining segments), or None for another crate."""
    first = segs[0]
    if first == "crate" or (in_main and first == "kam"):
        return (), segs[1:]
    if first == "self":
        return here, segs[1:]
    if first == "super":
        m = here
        while segs and segs[0] == "super":
            m = m[:-1]
            segs = segs[1:]
        return m, segs
    mod = modules.get(here)
    if mod and (first in mod.children or first in mod.items):
        return here, segs
    # `use anyhow::anyhow;` binds a name to another crate's item of the same name.
    if mod and first in mod.bindings and mod.bindings[first][0] != first:
        return here, segs
    return None


def resolve(modules, mpath, segs, seen=None):
    """The file that defines what `segs` names from module `mpath`: (file, exact)."""
    seen = seen or set()
    mod = modules.get(mpath)
    if mod is None:
        return None, False
    if not segs:
        return mod.file, True
    key = (mpath, tuple(segs))
    if key in seen:
        return mod.file, False
    seen.add(key)
    s, rest = segs[0], segs[1:]
    if s in mod.children and mpath + (s,) in modules:
        return resolve(modules, mpath + (s,), rest, seen)
    if s in mod.items:
        return mod.file, True
    if s in mod.bindings and mod.bindings[s][0] != s:
        target = mod.bindings[s]
        start = start_module(modules, mpath, target)
        if start is None:
            return None, False  # another crate's name
        return resolve(modules, start[0], start[1] + rest, seen)
    for g in mod.globs:
        start = start_module(modules, mpath, g)
        if start is None:
            continue
        f, exact = resolve(modules, start[0], start[1] + [s] + rest, seen)
        if exact:
            return f, exact
    return mod.file, False


def module_names(mod):
    return set(mod.children) | set(mod.items) | set(mod.bindings)


def edges_of(modules, rel, code):
    """file -> {file: {names}} for one source file."""
    in_main = rel == "src/main.rs"
    base = () if in_main else module_path_of(rel)
    inline = inline_module_at(code)
    out = defaultdict(set)
    named = defaultdict(set)

    def scope_at(off):
        # The inline modules around an offset move `self`/`super` one level down each.
        nested = sorted((d, name) for s, e, name, d in inline if s <= off < e)
        return base + tuple(name for _, name in nested)

    def add(here, segs, off, glob_names=None):
        start = start_module(modules, here, segs, in_main)
        if start is None:
            return
        mpath, rest = start
        # A path into an inline module of this same file stays in the file.
        while mpath not in modules and mpath:
            mpath = mpath[:-1]
        if glob_names is not None:
            target = modules.get(module_named(modules, mpath, rest))
            if target is None:
                # `use Kind::*` takes an enum's variants: one arrow to the enum's file.
                f, _ = resolve(modules, mpath, rest)
                if f and f != rel:
                    out[f].add(segs[-1])
                return
            for name in module_names(target):
                if name in glob_names:
                    g, _ = resolve(modules, target.path, [name])
                    if g and g != rel:
                        out[g].add(name)
            return
        f, _ = resolve(modules, mpath, rest)
        # Naming a module (`use crate::store;`) is no use of its mod.rs: the paths through
        # the name (`store::describe`) are read one by one.
        names_module = rest and module_named(modules, mpath, rest) is not None
        if f and f != rel and not names_module:
            out[f].add("::".join(x for x in segs if x not in ("crate", "super", "self", "kam")))
        # The top module the path names as written (a name this file imported was checked
        # at its `use`).
        written = mpath[0] if mpath else (rest[0] if rest and rest[0] in modules[()].children else None)
        if written and (mpath != base or segs[0] in ("crate", "kam")):
            named[written].add("::".join(segs))

    use_spans = []
    for m in USE_RE.finditer(code):
        use_spans.append((m.start(), m.end()))
        here = scope_at(m.start())
        is_pub = bool(m.group(1)) and brace_depth(code, m.start()) == 0
        body_words = None
        for segs, alias in parse_use_tree(m.group(2)):
            if not segs:
                continue
            if alias == "*":
                if body_words is None:
                    body_words = words_outside(code, use_spans_all(code))
                add(here, segs, m.start(), glob_names=body_words)
                continue
            if is_pub:
                # A re-export hands a name on; it is this file's dependency only if the
                # file's own code uses the name too.
                if body_words is None:
                    body_words = words_outside(code, use_spans_all(code))
                if alias not in body_words:
                    continue
            add(here, segs, m.start())
    for m in PATH_RE.finditer(code):
        if any(s <= m.start() < e for s, e in use_spans):
            continue
        segs = [m.group(1)] + [x for x in re.split(r"\s*::\s*", m.group(2)) if x]
        if segs[0] in ("Self", "std", "core", "alloc"):
            continue
        add(scope_at(m.start()), segs, m.start())
    return out, named


def use_spans_all(code):
    """Where `use` lines and `mod x;` lines stand: their words are no use of a name."""
    spans = [(m.start(), m.end()) for m in USE_RE.finditer(code)]
    spans += [(m.start(), m.end()) for m in MOD_DECL_RE.finditer(code)]
    return sorted(spans)


def words_outside(code, spans):
    parts, last = [], 0
    for s, e in spans:
        parts.append(code[last:s])
        last = e
    parts.append(code[last:])
    return set(re.findall(IDENT, " ".join(parts)))


def module_named(modules, mpath, segs, depth=0):
    """The module that `segs` names from `mpath` (following `use` bindings), or None
    when it names an item."""
    if depth > 20 or mpath not in modules:
        return None
    if not segs:
        return mpath
    mod, s = modules[mpath], segs[0]
    if s in mod.children and mpath + (s,) in modules:
        return module_named(modules, mpath + (s,), segs[1:], depth + 1)
    if s in mod.bindings and mod.bindings[s][0] != s:
        start = start_module(modules, mpath, mod.bindings[s])
        if start:
            return module_named(modules, start[0], start[1] + segs[1:], depth + 1)
    return None


def top_of(rel):
    if rel == "src/main.rs":
        return "main"
    p = module_path_of(rel)
    return p[0] if p else "lib"


def cycles(graph):
    """Every strongly connected group of two files or more (Tarjan)."""
    index, low, on, stack, out = {}, {}, set(), [], []
    counter = [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(out)


def main():
    global ROOT, SRC
    if "--root" in sys.argv:
        ROOT = os.path.abspath(sys.argv[sys.argv.index("--root") + 1])
        SRC = os.path.join(ROOT, "src")
    files = load()
    modules, stripped = build(files)
    graph = {}
    names = {}
    written = {}
    for rel in sorted(files):
        e, named = edges_of(modules, rel, stripped[rel])
        written[rel] = named
        graph[rel] = sorted(e)
        for to, ns in e.items():
            names[(rel, to)] = sorted(ns)
    problems = []

    for rel in sorted(graph):
        src_top = top_of(rel)
        if src_top == "lib":
            continue
        for to in graph[rel]:
            to_top = top_of(to)
            if src_top not in LAYER_OF:
                problems.append(f"layer: {rel}: module '{src_top}' has no layer in scripts/check-layers.py")
                break
            if to_top not in LAYER_OF:
                continue
            if LAYER_OF[to_top] > LAYER_OF[src_top]:
                problems.append(
                    f"layer: {rel} ({LAYERS[LAYER_OF[src_top]][0]}) imports {to} "
                    f"({LAYERS[LAYER_OF[to_top]][0]}): {', '.join(names[(rel, to)])}"
                )

    for rel in sorted(written):
        allowed = NAMES_ONLY.get(top_of(rel))
        if allowed is None:
            continue
        for top, paths in sorted(written[rel].items()):
            if top not in allowed:
                problems.append(
                    f"names: {rel} names {top} directly (ui names only "
                    f"{', '.join(sorted(allowed - {'ui'}))}; let app hand it on): {', '.join(sorted(paths))}"
                )

    for group in cycles(graph):
        members = set(group)
        ties = [
            f"{a} -> {b} ({', '.join(names[(a, b)])})"
            for a in group
            for b in graph[a]
            if b in members
        ]
        problems.append(f"cycle: {len(group)} files: " + "; ".join(ties))

    for rel in sorted(files):
        lines = files[rel].count("\n")
        if lines > MAX_LINES and rel not in DATA_FILES:
            problems.append(f"size: {rel} has {lines} lines (over {MAX_LINES}; split it by idea)")

    if "--graph" in sys.argv:
        for (a, b), ns in sorted(names.items()):
            print(f"{a} -> {b}: {', '.join(ns)}")
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s) in the house's layers, cycles or sizes", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
