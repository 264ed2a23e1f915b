"""Generate rkeras/port/keras_api/*.py from R keras 2.15's sources (a dev tool).

    python scripts/extract_r_api.py            # writes the table modules, prints a review report
    python scripts/extract_r_api.py --check    # only the report

What comes from R keras 2.15 (``git -C /work/.mirror/rstudio+keras/repo show v2.15.0:R/...``,
read by scripts/r_sources.py): each exported function's formals in order, their defaults,
and which formals R passed through ``as.integer()``-like helpers (``integers``),
``normalize_shape()`` (``shapes``) and ``as_axis()``/``as_layer_index()`` (``one_based``).
What is decided here, by hand, in :data:`rules`: the Python target of each function, renamed
arguments, arguments dropped (with why), and notes. ``defaults`` are computed: an R default
that R passed on and that differs from the Python target's default is written out.

The generated modules hold facts (names, defaults) as Python data; no R code is copied.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pprint
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import r_sources  # noqa: E402
from api_rules import FAMILIES, NOT_PORTED, RKERAS_FUNCTIONS, RKERAS_MODEL_FUNCTIONS, rule_for  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "rkeras" / "port" / "keras_api"


# --- R definitions that are not plain `name <- function(...)` -----------------------------

def metric_wrappers(text):
    """R keras' metric_* functions are made by py_metric_wrapper(py_fn, py_cls, formals, modifiers)."""
    out = {}
    for m in re.finditer(r"^(metric_\w+)\s*<-\s*py_metric_wrapper\(", text, re.M):
        start = m.end() - 1
        end = r_sources._matching(text, start)
        parts = r_sources.split_top(text[start + 1:end - 1])
        positional = [p for p in parts if not re.match(r"^\w+\s*=", p)]
        named = dict(p.split("=", 1) for p in parts if re.match(r"^\w+\s*=", p))
        py_fn = positional[0].strip()
        py_cls = positional[1].strip()
        formals = r_sources.parse_formals(positional[2][len("alist("):-1]) if len(positional) > 2 else []
        formals = [(n, d if d else None) for n, d in formals]
        modifiers = positional[3] if len(positional) > 3 else ""
        names = [n for n, _ in formals]
        if py_fn == "NULL":
            formals = [("...", None)] + formals
        else:
            formals = [("y_true", None), ("y_pred", None)] + formals + [("...", None)]
        fn_name = named.get("py_fn_name", "").strip()
        if "name" not in names:
            default = "NULL" if py_fn == "NULL" or fn_name == "FALSE" else f'"{py_fn}"'
            formals.append(("name", default))
        if "dtype" not in names:
            formals.append(("dtype", "NULL"))
        body = f"capture_args keras$metrics${py_cls} {modifiers}"
        if "axis" in names:
            body += " axis = as_axis,"
        d = r_sources.RDef(m.group(1), "R/metrics.R", formals, body)
        d.py_fn = None if py_fn == "NULL" else py_fn
        out[m.group(1)] = d
    return out


def resnet_wrappers(text):
    out = {}
    for m in re.finditer(r'^(application_\w+)\s*<-\s*new_application_resnet_wrapper\("(\w+)"\)', text, re.M):
        formals = [("include_top", "TRUE"), ("weights", '"imagenet"'), ("input_tensor", "NULL"),
                   ("input_shape", "NULL"), ("pooling", "NULL"), ("classes", "1000")]
        if m.group(2).endswith("V2"):
            formals.append(("classifier_activation", "'softmax'"))
        formals.append(("...", None))
        body = f"capture_args keras$applications${m.group(2)} classes = as.integer, input_shape = normalize_shape,"
        out[m.group(1)] = r_sources.RDef(m.group(1), "R/applications.R", formals, body)
    return out


def all_definitions():
    defs = r_sources.definitions()
    exported, _ = r_sources.exports()
    ns = r_sources.git_show("NAMESPACE")
    methods = re.findall(r"^S3method\(([^,]+),\s*([^)]+)\)", ns, re.M)
    found = {}
    for name in exported:
        if name in defs:
            found[name] = defs[name]
    for generic, cls in methods:
        generic, cls = generic.strip('"'), cls.strip('"')
        if cls == "keras.engine.training.Model" and f"{generic}.{cls}" in defs:
            d = defs[f"{generic}.{cls}"]
            found[generic] = r_sources.RDef(generic, d.file, d.formals, d.body)
    found.update(metric_wrappers(r_sources.git_show("R/metrics.R")))
    found.update(resnet_wrappers(r_sources.git_show("R/applications.R")))
    # aliases: `loss_kl_divergence <- loss_kullback_leibler_divergence`
    for path in ("R/losses.R", "R/metrics.R"):
        for alias, orig in re.findall(r"^(\w+)\s*<-\s*(\w+)\s*$", r_sources.git_show(path), re.M):
            if alias in exported and orig in found:
                d = found[orig]
                found[alias] = r_sources.RDef(alias, d.file, d.formals, d.body)
    return found, exported


# --- R default text -> Python source --------------------------------------------------------

def r_literal(text, match_arg=False):
    """Python source for an R default, or None when it is not a plain literal."""
    t = text.strip()
    if t in ("NULL", "NA", "NA_integer_", "NA_real_", "NA_character_"):
        return "None"
    if t in ("TRUE", "T"):
        return "True"
    if t in ("FALSE", "F"):
        return "False"
    if re.fullmatch(r"-?\d+L", t):
        return t[:-1]
    if re.fullmatch(r"-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", t):
        return repr(float(t)) if re.search(r"[.eE]", t) else t
    if re.fullmatch(r"\"[^\"]*\"|'[^']*'", t, re.S):
        return repr(ast.literal_eval(t))
    m = re.fullmatch(r"c\((.*)\)", t, re.S)
    if m:
        items = [r_literal(p) for p in r_sources.split_top(m.group(1))]
        if None in items:
            return None
        if match_arg:
            return items[0]
        return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
    m = re.fullmatch(r"list\((.*)\)", t, re.S)
    if m:
        items = [r_literal(p) for p in r_sources.split_top(m.group(1))]
        if None in items:
            return None
        return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
    return None


def r_default_value(r_default, one_based=False, match_arg=False):
    """R's default of a formal as (Python source, value), a 1-based position made 0-based; None
    when it is not a plain literal."""
    src = r_literal(r_default, match_arg)
    if src is None:
        return None
    value = ast.literal_eval(src)
    if one_based and isinstance(value, int) and value > 0:
        value -= 1
        src = str(value)
    return src, value


def resolve(dotted):
    module, _, rest = dotted.partition(".")
    obj = importlib.import_module(module)
    parts = rest.split(".") if rest else []
    for i, part in enumerate(parts):
        try:
            obj = getattr(obj, part)
        except AttributeError:
            obj = importlib.import_module(".".join([module] + parts[: i + 1]))
    return obj


def python_params(obj):
    """(parameters dict, accepts **kwargs) of a Python callable or class."""
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return None, True
    params = dict(sig.parameters)
    var_kw = any(p.kind is p.VAR_KEYWORD for p in params.values())
    return params, var_kw


_LAYER_KWARGS = {"input_shape", "input_dim", "activity_regularizer", "trainable", "dtype", "autocast", "name",
                 "batch_input_shape", "batch_size", "weights"}  # the last three: see keras_api's docstring


def _is_layer(obj):
    try:
        import keras

        return isinstance(obj, type) and issubclass(obj, keras.layers.Layer)
    except ImportError:
        return False


def positional_limit(obj, r_args, kind, renames):
    """How many leading R arguments (R's object counted) keep their meaning when passed
    positionally to ``obj``, or None when all of R's formals before ``...`` do."""
    try:
        params = [p for p in inspect.signature(obj).parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    except (TypeError, ValueError):
        return None
    py = [p.name for p in params]
    r = list(r_args[: r_args.index("...")] if "..." in r_args else r_args)
    offset = 0
    if kind == "layer":
        r, offset = r[1:], 1
    count = 0
    for i, r_arg in enumerate(r):
        if i >= len(py):
            return count + offset  # Python takes fewer positional arguments than R
        first_is_object = i == 0 and (kind == "model_method" or py[0] == "self")
        if not first_is_object and renames.get(r_arg, r_arg) != py[i]:
            return count + offset
        count += 1
    return None


def build(name, d, report):
    rule = rule_for(name, d)
    if rule is None:
        return None
    target = rule["target"]
    if not target:
        report.append(f"NO TARGET {name}")
        return None
    coerced = d.coerced()
    extra = list(d.dots_args()) + [a for a in rule.get("extra_args", ()) if a not in d.dots_args()]
    args = tuple(d.arg_names) + tuple(a for a in extra if a not in d.arg_names)
    renames = dict(rule.get("renames", {}))
    integers = (coerced["integers"] | set(rule.get("integers", ()))) - set(rule.get("not_integers", ()))
    shapes = (coerced["shapes"] | set(rule.get("shapes", ()))) - set(rule.get("not_shapes", ()))
    one_based = (coerced["one_based"] | set(rule.get("one_based", ()))) - set(rule.get("not_one_based", ()))
    if target.startswith("rkeras.") and name in RKERAS_MODEL_FUNCTIONS + RKERAS_FUNCTIONS:
        one_based = set()  # rkeras' model functions take R's 1-based positions themselves (get_layer(index = 1))
    defaults = dict(rule.get("defaults", {}))
    try:
        obj = resolve(target)
    except Exception as exc:  # noqa: BLE001 - reported
        if not target.startswith("rkeras."):
            report.append(f"UNRESOLVED {name} -> {target}: {exc}")
        obj = None
    if obj is not None and rule.get("compute_defaults", True) and not target.startswith("rkeras."):
        params, var_kw = python_params(obj)
        if params is not None:
            passes_all = "capture_args" not in d.body
            for r_arg, r_default in d.formals:
                if r_arg in ("...", "object") or r_arg in defaults:
                    continue
                py_arg = renames.get(r_arg, r_arg)
                if py_arg is None:
                    continue
                if py_arg not in params and var_kw and _is_layer(obj) and py_arg not in _LAYER_KWARGS \
                        and r_arg != d.arg_names[0]:
                    report.append(f"KWARGS {name}: {r_arg} -> {target} (Keras 3 Layer rejects it)")
                if py_arg not in params and not var_kw and r_arg not in rule.get("when_given", {}) \
                        and r_arg not in ("y_true", "y_pred") and params and d.arg_names[0] != r_arg:
                    report.append(f"NOT ACCEPTED {name}: {r_arg} -> {target}")
                    continue
                if r_default is None or not passes_all or r_arg in rule.get("no_default", ()):
                    continue
                literal = r_default_value(r_default, r_arg in one_based, f"match.arg({r_arg})" in d.body)
                if literal is None:
                    report.append(f"DEFAULT? {name}: {r_arg} = {r_default}")
                    continue
                src, value = literal
                p = params.get(py_arg)
                if p is None or p.default is inspect.Parameter.empty:
                    if value is not None:
                        defaults[r_arg] = src
                    continue
                py_default = p.default
                if isinstance(py_default, (int, float)) and isinstance(value, (int, float)) \
                        and not isinstance(py_default, bool) and not isinstance(value, bool):
                    same = float(py_default) == float(value)
                elif isinstance(py_default, (list, tuple)) and isinstance(value, (list, tuple)):
                    same = list(py_default) == list(value)
                else:
                    same = py_default == value and type(py_default) is type(value)
                if not same:
                    defaults[r_arg] = src
    for r_arg in list(defaults):
        if renames.get(r_arg, "") is None:
            del defaults[r_arg]
    positional = None
    if obj is not None and not target.startswith("rkeras.") and "y_true" not in rule.get("when_given", {}):
        positional = positional_limit(obj, d.arg_names, rule["kind"], renames)
    return dict(r_name=name, target=target, args=args, kind=rule["kind"], renames=renames,
                integers=sorted(integers), one_based=sorted(one_based), shapes=sorted(shapes),
                defaults=defaults, note=rule.get("note", ""),
                when_given=rule.get("when_given", {}), value=rule.get("value"), positional=positional)


HEADER = '''"""R keras 2.15's {family}: how each R function becomes Python.

Generated by scripts/extract_r_api.py from R keras 2.15's sources (formals, defaults,
coercions) and its hand-written rules (targets, renames, notes); edit the rules there and
regenerate, or edit an entry here by hand and say so in the commit.
"""

from rkeras.port.table import RFunction

FUNCTIONS: list[RFunction] = [
'''


def entry_source(e):
    fields = [f"r_name={e['r_name']!r}", f"target={e['target']!r}", f"args={tuple(e['args'])!r}",
              f"kind={e['kind']!r}"]
    for key in ("renames", "defaults"):
        if e[key]:
            fields.append(f"{key}={e[key]!r}")
    for key in ("integers", "one_based", "shapes"):
        if e[key]:
            fields.append(f"{key}=frozenset({set(e[key])!r})".replace("frozenset({", "frozenset({"))
    if e["note"]:
        fields.append(f"note={e['note']!r}")
    text = "    RFunction(" + ", ".join(fields) + "),"
    if len(text) <= 100:
        return text + "\n"
    inner = ",\n".join("        " + _wrap(f) for f in fields)
    return "    RFunction(\n" + inner + ",\n    ),\n"


def _wrap(field_source, width=100):
    """Break a long ``args=(...)`` or ``note=...`` field over lines."""
    if len(field_source) + 8 <= width or not field_source.startswith("args=("):
        return field_source
    items = field_source[len("args=("):-1].split(", ")
    lines, line = [], ""
    for item in items:
        if line and len(line) + len(item) + 14 > width:
            lines.append(line.rstrip())
            line = ""
        line += item + ", "
    lines.append(line.rstrip().rstrip(","))
    return "args=(\n" + "\n".join("            " + ln for ln in lines) + ",\n        )"


def write(entries_by_family):
    for family, entries in sorted(entries_by_family.items()):
        entries = sorted(entries, key=lambda e: e["r_name"])
        body = "".join(entry_source(e) for e in entries)
        source = HEADER.format(family=FAMILIES[family]) + body + "]\n"
        when = {e["r_name"]: e["when_given"] for e in entries if e.get("when_given")}
        values = {e["r_name"]: e["value"] for e in entries if e.get("value")}
        positional = {e["r_name"]: e["positional"] for e in entries if e.get("positional") is not None}
        if when:
            source += ("\n#: When the R call gives this argument, the call uses this target instead (it takes the\n"
                       "#: entry's arguments, after renames, plus that one).\n"
                       "WHEN_GIVEN: dict[str, dict[str, str]] = " + pprint.pformat(when, width=100) + "\n")
        if positional:
            source += ("\n#: Only this many leading R arguments (R's object counted) may stay positional in\n"
                       "#: the Python call: the target's parameters differ in order after that.\n"
                       "POSITIONAL: dict[str, int] = " + pprint.pformat(positional, width=100) + "\n")
        if values:
            source += ("\n#: The Python value of the R name used without a call (``metrics = metric_mae``).\n"
                       "VALUES: dict[str, str] = " + pprint.pformat(values, width=100) + "\n")
        source = re.sub(r"frozenset\(\{([^}]*)\}\)",
                        lambda m: "frozenset({" + ", ".join(sorted(m.group(1).split(", "))) + "})", source)
        (OUT / f"{family}.py").write_text(source)


def main(argv):
    defs, exported = all_definitions()
    report, by_family, skipped = [], {}, []
    for name in sorted(defs):
        family = rule_for.family(name)
        if family is None:
            if name in exported:
                skipped.append(name)
            continue
        e = build(name, defs[name], report)
        if e is None:
            continue
        by_family.setdefault(family, []).append(e)
    from api_rules import EXTRA_ENTRIES
    for family, entries in EXTRA_ENTRIES.items():
        by_family.setdefault(family, []).extend(entries)
    missing = sorted(set(exported) - set(defs) - set(NOT_PORTED)
                     - {e["r_name"] for es in by_family.values() for e in es})
    print("\n".join(report))
    print("exported but not defined as functions here:", missing)
    print("not in any family:", [n for n in skipped if n not in NOT_PORTED])
    if "--check" not in argv:
        (OUT / "not_ported.py").write_text(
            '"""R keras 2.15 exports the porter does not translate, and why (generated by '
            'scripts/extract_r_api.py)."""\n\n'
            "NOT_PORTED: dict[str, str] = " + pprint.pformat(NOT_PORTED, width=100) + "\n")
    print({f: len(es) for f, es in by_family.items()}, sum(len(es) for es in by_family.values()))
    if "--check" not in argv:
        write(by_family)


if __name__ == "__main__":
    main(sys.argv[1:])
