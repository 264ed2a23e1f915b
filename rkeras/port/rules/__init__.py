"""Translation rules, one module per family; each exports ``EXPRESSIONS`` and/or ``STATEMENTS``.

``EXPRESSIONS[node_type](translator, node) -> str`` translates an R expression;
``STATEMENTS[node_type](translator, node, result) -> bool`` emits Python lines for
an R statement and returns True, or False to let it be translated as an expression.
"""

from __future__ import annotations

from . import assign, calls, classes, contexts, custom, control, dplyr, functions, indexing, literals, operators, pipes, readers, tfdatasets, tidyverse  # noqa: F401
from . import ggplot, tidyr  # noqa: F401
from . import compound, tfpackage  # noqa: F401

EXPRESSIONS: dict = {}
STATEMENTS: dict = {}
for _module in (literals, operators, indexing, calls, functions, control, contexts, tfdatasets, pipes, classes, compound, assign):
    EXPRESSIONS.update(getattr(_module, "EXPRESSIONS", {}))
    for _key, _handler in getattr(_module, "STATEMENTS", {}).items():
        if _key in STATEMENTS:
            _first = STATEMENTS[_key]

            def _chain(tr, node, result, _a=_first, _b=_handler):
                return _a(tr, node, result) or _b(tr, node, result)

            STATEMENTS[_key] = _chain
        else:
            STATEMENTS[_key] = _handler
