"""Fresh processes for the benchmarks: timed in wall clock and in CPU, with bytecode cached.

- `child_env()`: the environment of a timed child. An installed package runs from compiled
  bytecode (pip writes the `.pyc` files at install time); a checkout run with
  `PYTHONDONTWRITEBYTECODE` set would compile every module of the project from source at each
  start (~30 ms here), which no user pays. So children run without that variable and with
  `PYTHONPYCACHEPREFIX` set to one temporary folder per benchmark run (the checkout is not
  written to); `warm(cmd)` fills it before anything is timed.
- `timed(cmd)`: (wall seconds, CPU seconds) of one child, CPU being user + system time of the
  child as the kernel counts it (`os.wait4`): on a machine shared with other work, wall time
  grows with the load and CPU time much less, so both are printed.
- `load()`: the one-minute load average and the number of cores, for the line of figures.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
import time

_CACHE: str | None = None


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """os.environ for a timed child: bytecode written to (and read from) a temporary cache."""
    global _CACHE
    if _CACHE is None:
        _CACHE = tempfile.mkdtemp(prefix="compare-bench-pyc-")
        atexit.register(shutil.rmtree, _CACHE, True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = _CACHE
    env.update(extra or {})
    return env


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) of one run of `cmd`; SystemExit if it fails."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=env or child_env())
    assert proc.stderr is not None
    errors = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {errors.decode(errors='replace').strip()[-300:]}")
    return wall, usage.ru_utime + usage.ru_stime


def warm(cmd: list[str], env: dict[str, str] | None = None) -> None:
    """One untimed run: bytecode compiled into the cache, files in the page cache."""
    timed(cmd, env)


def load() -> str:
    """'load average L on N cores' (one minute), to print beside figures."""
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
