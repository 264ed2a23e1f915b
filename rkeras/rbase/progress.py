"""The R package progress's ``progress_bar``: ``pb <- progress_bar$new(total = 100); pb$tick()``.

``progress_bar.new(format=, total=, width=, clear=, ...)`` returns a bar whose ``tick(len = 1,
tokens = list())``, ``update(ratio)`` and ``terminate()`` draw it on standard error, as the R
package does, with its format tokens ``:bar``, ``:current``, ``:total``, ``:percent``,
``:elapsed``, ``:eta``, ``:rate``, ``:spin`` and custom ``:name`` tokens from ``tokens``.

Differences from R's progress: the bar is drawn on every tick (R throttles redraws and only
draws on a terminal); the width defaults to 80 columns, not the console's width.
"""

from __future__ import annotations

import sys
import time

from .errors import RError

__all__ = ["progress_bar"]

_SPIN = "-\\|/"


def _duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m"
    return f"{seconds // 3600}h"


class ProgressBar:
    """One bar: see the module's docstring."""

    def __init__(self, format=None, total=100, width=None, complete="=", incomplete="-", current=">",
                 clear=True, show_after=0.2, force=False, stream=None, **kwargs):
        unknown = set(kwargs) - {"format_", "callback", "message_class"}
        if unknown:
            raise RError(f"progress_bar$new(): unused argument(s) {', '.join(sorted(unknown))}")
        self.format = format if format is not None else kwargs.get("format_", "[:bar] :percent")
        if total is None or total <= 0:
            raise RError(f"progress_bar$new(): `total` should be a positive number. Got {total!r}")
        self.total = total
        self.width = int(width) if width is not None else 80
        self.chars = (complete, incomplete, current)
        self.clear = clear
        self.stream = stream
        self.current = 0
        self.finished = False
        self.start = time.monotonic()
        self.spin = 0
        self.tokens: dict = {}

    # R's pb$tick(len = 1, tokens = list())
    def tick(self, len=1, tokens=None):
        if self.finished:
            raise RError("!self$finished is not TRUE: the progress bar has already finished")
        self.current = min(self.total, self.current + len)
        self.tokens = dict(tokens or {})
        self._draw()
        return self

    def update(self, ratio, tokens=None):
        return self.tick(len=ratio * self.total - self.current, tokens=tokens)

    def terminate(self):
        if not self.finished:
            self.finished = True
            out = self.stream or sys.stderr
            out.write("\r" + " " * self.width + "\r" if self.clear else "\n")
            out.flush()

    def render(self) -> str:
        """The bar's line now, as R's progress formats it."""
        elapsed = time.monotonic() - self.start
        ratio = self.current / self.total
        rate = self.current / elapsed if elapsed > 0 else 0.0
        eta = (self.total - self.current) / rate if rate > 0 else 0.0
        line = self.format
        values = {"current": str(int(self.current)), "total": str(int(self.total)),
                  "percent": f"{int(round(100 * ratio)):3d}%", "elapsed": _duration(elapsed),
                  "eta": "?" if rate == 0 and ratio < 1 else _duration(eta), "rate": f"{rate:.0f}/s",
                  "spin": _SPIN[self.spin % 4]}
        values.update({str(k): str(v) for k, v in self.tokens.items()})
        for name in sorted(values, key=len, reverse=True):   # :total before :tot
            line = line.replace(f":{name}", values[name])
        if ":bar" in line:
            room = max(0, self.width - (len(line) - len(":bar")))
            done = int(room * ratio)
            complete, incomplete, current = self.chars
            bar = complete * done + incomplete * (room - done)
            if 0 < done < room:
                bar = bar[:done - 1] + current + bar[done:]
            line = line.replace(":bar", bar)
        return line

    def _draw(self):
        self.spin += 1
        out = self.stream or sys.stderr
        out.write("\r" + self.render())
        out.flush()
        if self.current >= self.total:
            self.terminate()


class _ProgressBarGenerator:
    """``progress_bar``, the R6 class generator: ``progress_bar$new(...)``."""

    def new(self, *args, **kwargs) -> ProgressBar:
        return ProgressBar(*args, **kwargs)

    def __repr__(self):
        return "<progress_bar: R progress's class generator; call progress_bar.new(total=...)>"


progress_bar = _ProgressBarGenerator()
