"""The live HTML page in a real headless browser (Debian's ``chromium``).

Without chromium these tests skip, except in CI (``CI=true``), where they fail:
``.ci/run`` installs it.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import time

import pytest

from rkeras import KerasTrainingHistory
from rkeras.viewer.html import HtmlViewer

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
    "--disable-dev-shm-usage",
]
TRAINING, VALIDATION = (0xF8, 0x76, 0x6D), (0x00, 0xBF, 0xC4)
METRICS = {
    "loss": [0.9, 0.7, 0.5, 0.42, 0.38],
    "<b>x</b>": [1.0, 2.0, 3.0, 4.0, 5.0],
    "val_loss": [1.0, 0.8, 0.6, 0.55, 0.5],
    "val_<b>x</b>": [1.5, 2.5, 3.5, 4.5, 5.5],
}
PARAMS = {"epochs": 8, "initial_epoch": 0}


@pytest.fixture(scope="module")
def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    message = "chromium is not installed (Debian package `chromium`; .ci/run installs it)"
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(autouse=True)
def _every_epoch(monkeypatch):
    monkeypatch.setattr(HtmlViewer, "budget", 1.0)


def upto(k):
    return KerasTrainingHistory(PARAMS, {name: values[:k] for name, values in METRICS.items()})


def write_page(directory, epochs, *, finished):
    viewer = HtmlViewer(PARAMS, directory=directory, stream=open(os.devnull, "w"))
    viewer.on_train_begin(upto(0))
    for k in range(1, epochs + 1):
        viewer.on_epoch_end(upto(k))
    if finished:
        viewer.on_train_end(upto(epochs))
    return viewer


def run(chromium, *args, timeout=90):
    return subprocess.run([chromium, *FLAGS, *args], capture_output=True, text=True, timeout=timeout)


def test_page_draws_in_the_browser_with_markup_in_a_metric_name(chromium, tmp_path):
    from PIL import Image

    viewer = write_page(tmp_path / "run", 5, finished=True)
    url = f"file://{viewer.path}"
    shot = tmp_path / "shot.png"
    done = run(chromium, f"--user-data-dir={tmp_path / 'profile1'}", "--window-size=800,1000",
               f"--screenshot={shot}", url)
    assert shot.is_file(), done.stderr[-2000:]
    dom = run(chromium, f"--user-data-dir={tmp_path / 'profile2'}", "--dump-dom", url).stdout

    # the DOM: one chart per metric, every point drawn, the name shown as text
    assert 'data-state="done"' in dom and 'data-epochs="5"' in dom
    assert dom.count('<section class="panel"') == 2
    assert dom.count('class="point training"') == 10 and dom.count('class="point validation"') == 10
    assert dom.count('class="line training"') == 2 and dom.count('class="line validation"') == 2
    assert "<h2>&lt;b&gt;x&lt;/b&gt;<span" in dom  # the name, as text
    assert "<b>" not in dom  # never as markup
    assert "Training finished after epoch 5 of 8" in dom

    # the pixels: both series' colours drawn, in both charts
    with Image.open(shot) as image:
        pixels = image.convert("RGB")
        width, height = pixels.size

        def count(colour, top, bottom):
            found = 0
            for yy in range(top, bottom, 2):
                for xx in range(0, width, 2):
                    r, g, b = pixels.getpixel((xx, yy))
                    if abs(r - colour[0]) + abs(g - colour[1]) + abs(b - colour[2]) < 40:
                        found += 1
            return found

        upper = (count(TRAINING, 0, 380), count(VALIDATION, 0, 380))
        lower = (count(TRAINING, 380, 700), count(VALIDATION, 380, 700))
    assert min(upper) > 50 and min(lower) > 50, (upper, lower)


class DevTools:
    """A minimal Chrome DevTools Protocol client over --remote-debugging-pipe."""

    def __init__(self, chromium, profile):
        commands_r, commands_w = os.pipe()  # we write, chromium reads on fd 3
        replies_r, replies_w = os.pipe()    # chromium writes on fd 4, we read

        def child_fds():  # in the child, before exec: the pipe ends become fds 3 and 4
            import fcntl

            high_r = fcntl.fcntl(commands_r, fcntl.F_DUPFD, 10)
            high_w = fcntl.fcntl(replies_w, fcntl.F_DUPFD, 10)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        self.process = subprocess.Popen(
            [chromium, *FLAGS, "--remote-debugging-pipe", f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=child_fds, close_fds=False,
        )
        os.close(commands_r)
        os.close(replies_w)
        self.out, self.inp = commands_w, replies_r
        self.buffer = b""
        self.next_id = 0

    def call(self, method, session=None, timeout=30, **params):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.out, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            while b"\0" in self.buffer:
                raw, self.buffer = self.buffer.split(b"\0", 1)
                reply = json.loads(raw)
                if reply.get("id") == self.next_id:
                    if "error" in reply:
                        raise RuntimeError(f"{method}: {reply['error']}")
                    return reply["result"]
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.inp], [], [], left)[0]:
                raise TimeoutError(f"no reply to {method}")
            chunk = os.read(self.inp, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buffer += chunk

    def close(self):
        try:
            self.call("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self.out)
        os.close(self.inp)


def test_open_page_follows_training_and_stops_reloading_when_done(chromium, tmp_path, monkeypatch):
    monkeypatch.setattr(HtmlViewer, "reload_seconds", 0.3)
    viewer = write_page(tmp_path / "run", 1, finished=False)
    browser = DevTools(chromium, tmp_path / "profile")
    try:
        target = browser.call("Target.createTarget", url=f"file://{viewer.path}")["targetId"]
        session = browser.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]

        def page_state():
            expression = ("JSON.stringify({state: document.body.dataset.state, epochs: document.body.dataset.epochs,"
                          " loads: document.body.dataset.loads,"
                          " points: document.querySelectorAll('circle.point').length})")
            try:
                result = browser.call("Runtime.evaluate", session=session, expression=expression, returnByValue=True)
                return json.loads(result["result"]["value"])
            except (RuntimeError, KeyError, TypeError, ValueError):
                return {}  # between two loads

        def wait_for(condition, what):
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                state = page_state()
                if state and condition(state):
                    return state
                time.sleep(0.1)
            raise AssertionError(f"the page never showed {what}; last: {page_state()}")

        wait_for(lambda s: s.get("state") == "running" and s.get("epochs") == "1" and s["points"] == 4, "epoch 1")
        viewer.on_epoch_end(upto(2))  # training goes on: the open page redraws by itself
        wait_for(lambda s: s.get("epochs") == "2" and s["points"] == 8, "epoch 2")
        viewer.on_epoch_end(upto(3))
        viewer.on_train_end(upto(3))
        done = wait_for(lambda s: s.get("state") == "done" and s.get("epochs") == "3" and s["points"] == 12, "the end")
        time.sleep(1.5)  # five reload periods: a page that kept reloading would count more loads
        assert page_state()["loads"] == done["loads"]
    finally:
        browser.close()
