"""``rkeras.summary()`` and ``rkeras.format_model()``: R's ``summary(model)`` and ``format(model)``.

R printed Keras' own summary, captured as text, with the blank lines taken out
(its ``compact = TRUE``), 80 columns wide (R's ``getOption("width")``), with
the "Trainable" column shown when some weights are frozen; a model that is not
built yet prints ``Model: <no summary available, model was not built>``.
"""

from __future__ import annotations

import os
import re

from ..arguments import as_integer
from ..errors import arg_error
from ..habits import r_function
from .objects import model_engine

__all__ = ["summary", "format_model", "NOT_BUILT"]

#: R's text for a model that is not built yet.
NOT_BUILT = "Model: <no summary available, model was not built>"

#: R's getOption("width") in a fresh session.
R_WIDTH = 80

#: Columns Keras 2 (tf_keras) adds to ``line_length`` for the "Trainable" column.
_TRAINABLE_COLUMN = 11


@r_function(exact_only=("compact", "width"))
def format_model(
    x,
    line_length=None,
    positions=None,
    expand_nested=False,
    show_trainable=None,
    compact=True,
    width=None,
    **kwargs,
):
    """The model's summary as one string: R's ``format(model)``.

    Parameters
    ----------
    x : keras.Model or tf_keras.Model
        The model.
    line_length : int or None
        R default ``width - 11 * show_trainable``: the table is ``width``
        columns wide with or without the "Trainable" column.
    positions : list of float or None
        R default NULL: Keras' column positions.
    expand_nested : bool
        R default FALSE: show the layers of nested models.
    show_trainable : bool or None
        R default: TRUE when the model is built and has non-trainable
        weights (part of it is frozen).
    compact : bool
        R default TRUE: remove blank lines.
    width : int or None
        R default ``getOption("width")``, 80 in a fresh R session: 80.
    **kwargs
        R's ``...``: passed on to ``Model.summary`` (``layer_range``).

    Returns
    -------
    str

    Differences from R keras
    ------------------------
    On Keras 3 the table is Keras 3's (drawn with box characters; its
    "Trainable" column fits inside ``line_length``, so the default is
    ``width`` there); on tf_keras it is Keras 2's, as R showed it.
    """
    engine = model_engine(x, "format")
    width = R_WIDTH if width is None else as_integer("width", width, minimum=20)
    if not getattr(x, "built", False):
        return NOT_BUILT
    if show_trainable is None:
        show_trainable = bool(x.non_trainable_weights)
    elif not isinstance(show_trainable, bool):
        raise arg_error("show_trainable", show_trainable, "True, False or None")
    if line_length is None:
        line_length = width - _TRAINABLE_COLUMN * show_trainable if engine.name == "tf_keras" else width
    else:
        line_length = as_integer("line_length", line_length, minimum=20)
    if positions is not None:
        positions = [float(p) for p in (positions if isinstance(positions, (list, tuple)) else list(positions))]
    pieces: list[str] = []
    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(max(line_length, width))  # Keras 3's rich console wraps at COLUMNS
    try:
        x.summary(line_length=line_length, positions=positions, expand_nested=bool(expand_nested),
                  show_trainable=show_trainable, print_fn=lambda text, *a, **k: pieces.append(str(text)), **kwargs)
    finally:
        if saved is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = saved
    out = "\n".join(pieces).strip(" \t\r\n")  # R's trimws()
    if compact:
        out = re.sub(r"\n\s*\n", "\n", out)
        if expand_nested:
            out = re.sub(r"\n\|\s+\|\n", "\n", out)
    return out


@r_function(exact_only=("compact", "width"))
def summary(
    object,
    line_length=None,
    positions=None,
    expand_nested=False,
    show_trainable=None,
    compact=True,
    width=None,
    **kwargs,
):
    """Print a summary of the model: R's ``summary(model)``.

    Prints :func:`format_model`'s text (the same arguments, R's ``...``).
    An unbuilt model prints ``Model: <no summary available, model was not
    built>``.

    Returns
    -------
    None
        R returned the text invisibly; Python would echo it, so the text is
        :func:`rkeras.format_model` (R's ``format(model)``).
    """
    model_engine(object, "summary")
    text = format_model(object, line_length=line_length, positions=positions, expand_nested=expand_nested,
                        show_trainable=show_trainable, compact=compact, width=width, **kwargs)
    print(text)
    return None
