"""A killed worker leaves no orphans (issue 15 item 8): SIGKILL on a process that stores
through a `StoreProcess` ends its store child and the resource tracker too, within seconds."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORKER = """
import time
from multiprocessing import resource_tracker
from app.config import Settings
from app.job_runner import Chunk, StoreProcess
store = StoreProcess(Settings(database_url="sqlite://"))
store.submit(Chunk(0, [], [])).result()
print(*store._pool._processes, resource_tracker._resource_tracker._pid, flush=True)
time.sleep(600)
"""


def running(pid: int) -> bool:
    """Runs and is no zombie (a reparented orphan is reaped by whoever adopts it, or not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_a_killed_workers_store_process_ends_with_it():
    worker = subprocess.Popen([sys.executable, "-c", WORKER], stdout=subprocess.PIPE, text=True, cwd=REPO,
                              env={**os.environ, "PYTHONPATH": str(REPO)})
    children = [int(pid) for pid in worker.stdout.readline().split()]
    assert len(children) == 2 and all(map(running, children))
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    deadline = time.monotonic() + 10
    while any(map(running, children)) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in children if running(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, f"still running after their parent was killed: {left}"
