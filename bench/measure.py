"""What every benchmark measures of its own process: CPU time and peak memory."""

from __future__ import annotations

import resource
from pathlib import Path


def cpu_seconds(children: bool = True) -> float:
    """User and system CPU time of this process and (unless not) its finished children."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    if not children:
        return me.ru_utime + me.ru_stime
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def peak_rss_mb() -> float:
    """This process's peak resident memory since it started (``VmHWM``), in MB.

    Not ``ru_maxrss``: Linux keeps that across fork and exec, so a child of a
    big process would report its parent's size.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
