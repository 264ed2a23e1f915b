"""``rkeras.tensorboard()``: R's ``tensorboard()`` (from the tensorflow package, re-exported by keras)."""

from __future__ import annotations

import atexit
import os
import socket
import subprocess
import sys
import time

from ..errors import arg_error

__all__ = ["tensorboard"]

#: the TensorBoard servers this session started (stopped by action="stop" and at exit)
_STARTED: list = []


def _free_port(host):
    for port in range(6006, 6106):
        with socket.socket() as probe:
            if probe.connect_ex((host, port)) != 0:
                return port
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def _stop_all():
    while _STARTED:
        process = _STARTED.pop()
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()


def tensorboard(log_dir=None, action="start", host="127.0.0.1", port="auto", launch_browser=None,
                reload_interval=5, purge_orphaned_data=True):
    """Start (or stop) a TensorBoard server on ``log_dir``, as R's ``tensorboard()``.

    Parameters
    ----------
    log_dir : str or list of str
        Directory (or directories) of logs; R's default is the active run's ``logs`` folder,
        here ``"logs"``. Created when missing.
    action : {"start", "stop"}
        R default ``"start"``; ``"stop"`` ends the servers this session started.
    host : str
        R default ``"127.0.0.1"``.
    port : int or "auto"
        R default ``"auto"``: the first free port from 6006.
    launch_browser : bool or None
        R default ``interactive()``: here, True only in a notebook or an interactive shell.
    reload_interval : int
        Seconds between log reloads (R default 5).
    purge_orphaned_data : bool
        R default TRUE.

    Returns
    -------
    str
        The server's address, invisibly in R; printed as "Started TensorBoard at ...".

    Differences from R keras
    ------------------------
    The server runs in a child process that ends when the Python session ends (R's lived
    as long as the R session too). Its output goes to ``tensorboard.log`` beside the logs.
    """
    if action not in ("start", "stop"):
        raise arg_error("action", action, '"start" or "stop"')
    if action == "stop":
        _stop_all()
        return None
    dirs = [log_dir] if isinstance(log_dir, (str, os.PathLike)) or log_dir is None else list(log_dir)
    dirs = [os.fspath(d) if d is not None else "logs" for d in dirs]
    for d in dirs:
        os.makedirs(d, exist_ok=True)
    if port == "auto":
        port = _free_port(host)
    elif not isinstance(port, (int, float)) or int(port) != port:
        raise arg_error("port", port, 'a port number or "auto"')
    logdir_arg = ["--logdir", dirs[0]] if len(dirs) == 1 else \
        ["--logdir_spec", ",".join(f"{os.path.basename(os.path.normpath(d))}:{d}" for d in dirs)]
    cmd = [sys.executable, "-m", "tensorboard.main", *logdir_arg, "--host", host, "--port", str(int(port)),
           "--reload_interval", str(int(reload_interval)), "--purge_orphaned_data", str(bool(purge_orphaned_data)).lower()]
    log = open(os.path.join(dirs[0], "tensorboard.log"), "ab")
    process = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                               start_new_session=True)
    log.close()
    if not _STARTED:
        atexit.register(_stop_all)
    _STARTED.append(process)
    url = f"http://{host}:{int(port)}"
    print(f"Started TensorBoard at {url} ")
    if launch_browser is None:
        launch_browser = hasattr(sys, "ps1") or "ipykernel" in sys.modules
    if launch_browser:
        import webbrowser

        time.sleep(1)
        webbrowser.open(url)
    return url
