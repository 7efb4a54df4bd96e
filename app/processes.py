"""Who holds a job item: this process, named so that another process on the same machine can
tell whether the holder still runs. A pid alone is not enough (pids are reused, and in a
container the API is pid 1 after every restart), so the name adds the boot and the process's
start time."""
from __future__ import annotations

import os
import socket
from functools import cache
from pathlib import Path


def process_name(pid: int) -> str | None:
    """host:boot:pid:start of a running process of this machine; None if it does not run."""
    start = _start_time(pid)
    return None if start is None else f"{socket.gethostname()}:{_boot_id()}:{pid}:{start}"


@cache
def this_process() -> str:
    return process_name(os.getpid()) or f"{socket.gethostname()}:{_boot_id()}:{os.getpid()}:?"


def known_dead(holder: str) -> bool:
    """The holder ran on this machine and runs no more; False when that cannot be told
    (another machine: its lease decides)."""
    host, _, rest = holder.partition(":")
    boot, _, process = rest.partition(":")
    if host != socket.gethostname():
        return False
    if boot != _boot_id():
        return True  # this machine restarted since
    pid = process.partition(":")[0]
    return pid.isdigit() and process_name(int(pid)) != holder


@cache
def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()[:8]
    except OSError:
        return "?"


def _start_time(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (/proc), or "?" where no /proc tells it."""
    if not Path("/proc/self/stat").exists():
        return _alive_without_proc(pid)
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rsplit(")", 1)[1].split()[19]  # field 22; the name before ")" may hold spaces


def _alive_without_proc(pid: int) -> str | None:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass
    return "?"
