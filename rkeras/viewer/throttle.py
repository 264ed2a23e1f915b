"""When to redraw: a time budget for drawing during training.

A redraw is allowed when at least ``min_interval`` seconds have passed since
the previous one ended, and when drawing has taken no more than ``budget``
(a fraction) of the wall time: after a draw that took ``c`` seconds, the next
waits ``c * (1 / budget - 1)`` seconds. So a view whose drawing costs 50 ms
redraws at most every 0.45 s with the default budget of 10 %, however short
the epochs are. The first draw is always allowed.
"""

from __future__ import annotations

import time

__all__ = ["Throttle"]


class Throttle:
    """Decide whether to draw now; measure what drawing costs.

    Parameters
    ----------
    min_interval : float
        Seconds between the end of one draw and the start of the next, at least.
    budget : float
        Largest share of wall time spent drawing, in (0, 1]; 1 means no limit
        beyond ``min_interval``.
    clock : callable
        Seconds, monotonic (``time.perf_counter``).
    """

    def __init__(self, min_interval: float = 0.0, budget: float = 0.1, clock=time.perf_counter):
        if not 0 < budget <= 1:
            raise ValueError(f"budget should be in (0, 1]. Got {budget!r}.")
        self.min_interval = float(min_interval)
        self.budget = float(budget)
        self.clock = clock
        self.last_end: float | None = None
        self.last_cost = 0.0
        self.draws = 0
        self.time_drawing = 0.0

    def ready(self) -> bool:
        """True when a draw now stays within the interval and the budget."""
        if self.last_end is None:
            return True
        wait = max(self.min_interval, self.last_cost * (1.0 / self.budget - 1.0))
        return self.clock() - self.last_end >= wait

    def measure(self):
        """Context manager around one draw: records its cost."""
        return _Measure(self)


class _Measure:
    def __init__(self, throttle: Throttle):
        self.throttle = throttle

    def __enter__(self):
        self.start = self.throttle.clock()
        return self

    def __exit__(self, *exc):
        throttle = self.throttle
        end = throttle.clock()
        throttle.last_end = end
        throttle.last_cost = end - self.start
        throttle.draws += 1
        throttle.time_drawing += end - self.start
        return False
