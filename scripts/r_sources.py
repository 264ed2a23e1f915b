"""Read function definitions out of R keras 2.15's sources (a dev tool for extract_r_api.py).

Only facts are taken: each exported function's formal arguments with their default
text, the Keras object its body calls (``keras$layers$Dense``), and which formals the body
passes through R keras' coercion helpers (``as.integer``, ``normalize_shape``, ``as_axis``,
...). The R code itself is never copied into rkeras.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field

REPO = "/work/.mirror/rstudio+keras/repo"
TAG = "v2.15.0"

#: R keras' coercion helpers and what each says about an argument.
INTEGER_HELPERS = {"as.integer", "as_nullable_integer", "as_integer", "as_integer_tuple"}
SHAPE_HELPERS = {"normalize_shape", "as_shape", "backend_normalize_shape"}
ONE_BASED_HELPERS = {"as_axis", "as_layer_index", "as_node_index"}
HELPERS = INTEGER_HELPERS | SHAPE_HELPERS | ONE_BASED_HELPERS

_DEF = re.compile(r"^([A-Za-z][\w.]*)\s*<-\s*(?:#[^\n]*)?\s*function\s*\(", re.M)
_DEF_START = re.compile(r"^`?([A-Za-z][\w.]*)`?\s*<-", re.M)
_KERAS_REF = re.compile(r"keras\$((?:\w+\$)*\w+)")
_HELPER_CALL = re.compile(r"(?<![\w.])(" + "|".join(re.escape(h) for h in sorted(HELPERS)) + r")\(\s*([A-Za-z][\w.]*)\s*[,)]")
_MODIFIER = re.compile(r"(?<![\w.$])([A-Za-z][\w.]*)\s*=\s*(" + "|".join(re.escape(h) for h in sorted(HELPERS)) + r")\s*[,)\n]")


@dataclass
class RDef:
    name: str
    file: str
    formals: list = field(default_factory=list)  # [(name, default_text or None)]
    body: str = ""

    @property
    def arg_names(self):
        return [n for n, _ in self.formals]

    def dots_args(self):
        """Arguments R coerced although they arrive through ``...`` (capture_args modifiers)."""
        if "..." not in self.arg_names:
            return []
        formals = set(self.arg_names)
        return sorted({arg for arg, _ in _MODIFIER.findall(self.body) if arg not in formals})

    def keras_refs(self):
        return _KERAS_REF.findall(self.body)

    def coerced(self):
        """{helper kind: set of formals} found in the body."""
        names = set(self.arg_names) | set(self.dots_args())
        found = {"integers": set(), "shapes": set(), "one_based": set()}
        hits = _HELPER_CALL.findall(self.body) + _MODIFIER.findall(self.body)
        for a, b in hits:
            helper, arg = (a, b) if a in HELPERS else (b, a)
            if arg not in names:
                continue
            if helper in INTEGER_HELPERS:
                found["integers"].add(arg)
            if helper in SHAPE_HELPERS:
                found["shapes"].add(arg)
            if helper in ONE_BASED_HELPERS:
                found["one_based"].add(arg)
                found["integers"].add(arg)
        return found


def git_show(path):
    return subprocess.run(["git", "-C", REPO, "show", f"{TAG}:{path}"], check=True,
                          capture_output=True, text=True).stdout


def r_files():
    out = subprocess.run(["git", "-C", REPO, "ls-tree", "--name-only", TAG, "R/"], check=True,
                         capture_output=True, text=True).stdout
    return [line for line in out.split() if line.endswith(".R")]


def exports():
    text = git_show("NAMESPACE")
    names = set(re.findall(r"^export\(\"?([^\")]+)\"?\)", text, re.M))
    methods = re.findall(r"^S3method\(\"?([^,\"]+)\"?,\s*([^)]+)\)", text, re.M)
    return names, methods


def _skip_string(text, i):
    quote = text[i]
    i += 1
    while text[i] != quote:
        i += 2 if text[i] == "\\" else 1
    return i + 1


def _matching(text, i):
    """Index just past the bracket that closes the one at text[i]."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    stack = []
    while True:
        c = text[i]
        if c in "\"'`":
            i = _skip_string(text, i)
            continue
        if c == "#":
            i = text.index("\n", i)
            continue
        if c in pairs:
            stack.append(pairs[c])
        elif c in ")]}":
            if stack.pop() != c:
                raise ValueError(f"unbalanced at {i}")
            if not stack:
                return i + 1
        i += 1


def split_top(text):
    """Split R source text at top-level commas."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        c = text[i]
        if c in "\"'`":
            i = _skip_string(text, i)
            continue
        if c == "#":
            i = text.find("\n", i)
            if i < 0:
                break
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    parts.append(text[start:])
    return [p for p in (strip_comments(p).strip() for p in parts) if p]


def strip_comments(text):
    """R source text without its comments (strings kept whole)."""
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c in "\"'`":
            j = _skip_string(text, i)
            out.append(text[i:j])
            i = j
        elif c == "#":
            j = text.find("\n", i)
            i = len(text) if j < 0 else j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def parse_formals(text):
    formals = []
    for part in split_top(text):
        if "=" in part and not part.startswith("..."):
            name, default = part.split("=", 1)
            default = default.strip()
            if not re.fullmatch(r"\"[^\"]*\"|'[^']*'", default):
                default = " ".join(default.split())
            formals.append((name.strip().strip("`"), default))
        else:
            formals.append((part.strip().strip("`"), None))
    return formals


def definitions():
    """Every top-level ``name <- function(...)`` in R/*.R, keyed by name."""
    defs = {}
    for path in r_files():
        text = git_show(path)
        starts = [m.start() for m in _DEF_START.finditer(text)] + [len(text)]
        for m in _DEF.finditer(text):
            open_paren = m.end() - 1
            close = _matching(text, open_paren)
            rest = re.match(r"\s*", text[close:]).end() + close
            if rest < len(text) and text[rest] == "{":
                end = _matching(text, rest)
            else:
                following = [s for s in starts if s > m.start()]
                end = following[0] if following else len(text)
            body = re.sub(r"^#'[^\n]*$", "", text[close:end], flags=re.M)
            defs[m.group(1)] = RDef(m.group(1), path, parse_formals(text[open_paren + 1:close - 1]), body)
    return defs


if __name__ == "__main__":
    import sys

    defs = definitions()
    names, methods = exports()
    for name in sorted(names):
        d = defs.get(name)
        if d is None:
            print(name, "<not a function def>")
            continue
        if len(sys.argv) > 1 and not re.search(sys.argv[1], name):
            continue
        c = d.coerced()
        print(name, d.file, d.arg_names, d.keras_refs()[:2], {k: sorted(v) for k, v in c.items() if v})
    for generic, cls in methods:
        if len(sys.argv) > 1 and not re.search(sys.argv[1], generic):
            continue
        d = defs.get(f"{generic}.{cls}")
        print("S3", generic, cls, d.arg_names if d else None)
