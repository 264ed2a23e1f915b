"""The live view in a Jupyter notebook: one display, updated in place.

The display is created at the end of the first epoch with
``IPython.display.display(..., display_id=True)`` and updated through its
handle afterwards (``update_display_data`` messages): the cell is never
cleared, so nothing flickers and other output of the cell stays where it is.
Each update is a PNG of every metric by epoch (matplotlib, drawn off
screen, the x axis spanning every epoch the fit asked for) with a one-line
text fallback for front ends and documents that show only text.
"""

from __future__ import annotations

import base64
import html
import io

from ..history import format_number
from ..options import get_option
from .throttle import Throttle

__all__ = ["NotebookViewer", "render_png", "status_text", "history_html"]


def status_text(history) -> str:
    """``Epoch 3/10 - loss: 0.3452 - val_loss: 0.4012`` for the last epoch trained."""
    trained = history.epochs_trained
    start = int(history.params.get("initial_epoch") or 0)
    final = history.params.get("epochs")
    epoch = start + trained
    head = f"Epoch {epoch}/{final if final is not None else epoch}"
    if not trained:
        return head
    values = " - ".join(f"{name}: {format_number(vals[trained - 1])}" for name, vals in history.metrics.items())
    return f"{head} - {values}" if values else head


def render_png(history, *, width: float = 6.0, panel_height: float = 1.6, dpi: int = 72,
               full_range: bool = True, smooth: bool = False, theme_bw: bool | None = None,
               layout: str | None = None) -> bytes:
    """The history drawn with matplotlib, as PNG bytes."""
    from ..plotting import PlotData, draw_matplotlib

    if theme_bw is None:
        theme_bw = bool(get_option("keras.plot.history.theme_bw"))
    data = PlotData(history, None)
    figure = draw_matplotlib(
        data, smooth=smooth, theme_bw=theme_bw, dpi=dpi, full_range=full_range, layout=layout, lines=full_range,
        figsize=(width, 0.6 + panel_height * max(len(data.metrics), 1)),
    )
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


class NotebookViewer:
    """Observer of the metrics callback that keeps one notebook display current.

    Parameters
    ----------
    params : dict
        The fit's params (``epochs``, ``initial_epoch``, ...).

    Attributes
    ----------
    min_interval : float
        Class attribute: seconds between redraws, at least (0.5).
    budget : float
        Class attribute: largest share of wall time spent drawing (0.1).
    throttle : Throttle
        Counts the draws and the time they took.
    """

    min_interval = 0.5
    budget = 0.1

    def __init__(self, params: dict):
        self.params = dict(params)
        self.throttle = Throttle(self.min_interval, self.budget)
        self.handle = None
        self.drawn_epochs = -1

    def on_train_begin(self, history, model=None) -> None:
        pass

    def on_epoch_end(self, history) -> None:
        if self.handle is None or self.throttle.ready():
            self.draw(history)

    def on_train_end(self, history) -> None:
        if history.epochs_trained and history.epochs_trained != self.drawn_epochs:
            self.draw(history)  # always the final state

    def draw(self, history) -> None:
        with self.throttle.measure():
            bundle = {
                "image/png": base64.b64encode(render_png(history)).decode("ascii"),
                "text/plain": status_text(history),
            }
            if self.handle is None:
                from IPython.display import display

                self.handle = display(bundle, raw=True, display_id=True)
            else:
                self.handle.update(bundle, raw=True)
            self.drawn_epochs = history.epochs_trained


def history_html(history) -> str:
    """The notebook view of a history: R's print text and a small plot."""
    text = f"<pre>{html.escape(str(history))}</pre>"
    if not history.epochs_trained or not history.metrics:
        return text
    try:
        png = render_png(history, width=4.5, panel_height=1.3, full_range=False,
                         smooth=bool(get_option("keras.plot.history.smooth"))
                         and int(history.params.get("epochs") or 0) >= 10)
    except Exception:  # no matplotlib, or nothing drawable: the text is enough
        return text
    image = base64.b64encode(png).decode("ascii")
    return f'{text}<img alt="training history plot" src="data:image/png;base64,{image}"/>'
