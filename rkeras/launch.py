"""Try multi-worker training on one machine: ``python -m rkeras.launch``.

::

    python -m rkeras.launch --workers 2 train.py [script arguments]

starts ``--workers`` copies of ``train.py`` as local processes, each with a
``TF_CONFIG`` that describes the same cluster (one worker per process, on free
ports of the loopback address 127.0.0.1) and its own task index. The script
itself is the one that would run on real machines: build the model under
``tf.distribute.MultiWorkerMirroredStrategy()`` and call ``rkeras.fit()``.
Worker 0 is the chief: it prints the progress and the history, draws and writes
run files; the others stay quiet (``verbose="auto"`` is 0 there).

Every line a worker writes is forwarded with its prefix (``[worker 1] ...``),
standard output to standard output, standard error to standard error. When a
worker fails, the others are stopped and the launcher exits with that worker's
status; ``--timeout`` stops them all after so many seconds (status 124).

This is for trying things out. On real machines nothing of it is needed: start
the same script on each machine with ``TF_CONFIG`` set (see the README,
"Scaling out").
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time

__all__ = ["launch", "cluster_configs", "free_ports", "main"]

#: exit status when --timeout stops the workers (as coreutils' timeout)
TIMEOUT_STATUS = 124

_HOST = "127.0.0.1"


def free_ports(count: int, host: str = _HOST) -> list[int]:
    """``count`` distinct TCP ports free on ``host`` right now.

    The sockets are all held open until every port is chosen, so the ports are
    distinct; another program may still take one before a worker binds it.
    """
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind((host, 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def cluster_configs(workers: int, host: str = _HOST, ports: list[int] | None = None) -> list[str]:
    """The ``TF_CONFIG`` value of each of ``workers`` tasks of one local cluster."""
    ports = ports if ports is not None else free_ports(workers, host)
    cluster = {"worker": [f"{host}:{port}" for port in ports]}
    return [json.dumps({"cluster": cluster, "task": {"type": "worker", "index": i}}) for i in range(workers)]


def _forward(stream, target, prefix: str, lock: threading.Lock) -> None:
    for raw in iter(stream.readline, b""):
        line = raw.decode("utf-8", errors="replace")
        if not line.endswith("\n"):
            line += "\n"
        with lock:
            target.write(prefix + line)
            target.flush()
    stream.close()


def _stop(processes, grace: float = 5.0) -> None:
    """Terminate the processes still running; kill those that do not stop."""
    for p in processes:
        if p.poll() is None:
            try:
                p.terminate()
            except OSError:
                pass
    deadline = time.monotonic() + grace
    for p in processes:
        try:
            p.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def launch(command: list[str], workers: int = 2, *, timeout: float | None = None,
           stdout=None, stderr=None, env: dict | None = None) -> int:
    """Run ``command`` (a Python script and its arguments) as ``workers`` local tasks.

    Parameters
    ----------
    command : list of str
        The script and its arguments, as given after the launcher's options.
        It runs with the launcher's Python interpreter.
    workers : int
        Number of worker processes (at least 1).
    timeout : float or None
        Seconds after which every worker still running is stopped. None: no limit.
    stdout, stderr : file-like or None
        Where forwarded lines go (default: ``sys.stdout``, ``sys.stderr``).
    env : dict or None
        Environment of the workers (default: this process' environment), to
        which each worker's ``TF_CONFIG`` is added.

    Returns
    -------
    int
        0 when every worker succeeded; else the status of the first worker that
        failed (1 if it was killed by a signal), or 124 on timeout.
    """
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        from .errors import arg_error

        raise arg_error("workers", workers, "a whole number, 1 or more")
    stdout = stdout if stdout is not None else sys.stdout
    stderr = stderr if stderr is not None else sys.stderr
    base = dict(os.environ if env is None else env)
    base.setdefault("PYTHONUNBUFFERED", "1")  # lines reach the prefixer as they are written
    base.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    base.pop("RKERAS_ROLE", None)  # each worker's role comes from its TF_CONFIG
    lock = threading.Lock()
    processes, threads = [], []
    try:
        for index, config in enumerate(cluster_configs(workers)):
            worker_env = dict(base, TF_CONFIG=config)
            p = subprocess.Popen([sys.executable, *command], env=worker_env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
            processes.append(p)
            prefix = f"[worker {index}] "
            for stream, target in ((p.stdout, stdout), (p.stderr, stderr)):
                t = threading.Thread(target=_forward, args=(stream, target, prefix, lock), daemon=True)
                t.start()
                threads.append(t)
        status = _watch(processes, timeout, stderr, lock)
    except BaseException:
        _stop(processes, grace=2.0)
        raise
    for t in threads:
        t.join(timeout=5.0)
    return status


def _watch(processes, timeout, stderr, lock) -> int:
    start = time.monotonic()
    while True:
        codes = [p.poll() for p in processes]
        failed = [(i, c) for i, c in enumerate(codes) if c not in (None, 0)]
        if failed:
            index, code = failed[0]
            running = [i for i, c in enumerate(codes) if c is None]
            _note(stderr, lock, f"worker {index} failed with status {code}"
                  + (f"; stopping worker{'s' if len(running) > 1 else ''} {', '.join(map(str, running))}." if running else "."))
            _stop(processes)
            return code if code > 0 else 1
        if all(c == 0 for c in codes):
            return 0
        if timeout is not None and time.monotonic() - start > timeout:
            _note(stderr, lock, f"timeout: workers still running after {timeout:g} seconds; stopping them all.")
            _stop(processes)
            return TIMEOUT_STATUS
        time.sleep(0.1)


def _note(stderr, lock, message: str) -> None:
    with lock:
        stderr.write(f"rkeras.launch: {message}\n")
        stderr.flush()


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"should be a whole number, 1 or more. Got {text!r}.") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"should be a whole number, 1 or more. Got {text!r}.")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"should be a number of seconds above 0. Got {text!r}.") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"should be a number of seconds above 0. Got {text!r}.")
    return value


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m rkeras.launch",
        description="Run a training script as N local workers of one TF_CONFIG cluster on 127.0.0.1.",
    )
    parser.add_argument("--workers", "-n", type=_positive_int, default=2, help="number of worker processes (default 2)")
    parser.add_argument("--timeout", type=_positive_float, default=None,
                        help="stop every worker after this many seconds (default: no limit)")
    parser.add_argument("script", help="the Python script each worker runs")
    parser.add_argument("args", nargs=argparse.REMAINDER, help="arguments of the script")
    options = parser.parse_args(argv)
    if not os.path.isfile(options.script):
        parser.error(f"script should be a Python file. Got {options.script!r}, which does not exist.")
    # stop the workers too when the launcher is told to stop
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        return launch([options.script, *options.args], options.workers, timeout=options.timeout)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover - exercised through a subprocess
    sys.exit(main())
