"""What a flag worker process runs, in a module of its own.

Workers are spawned: each imports the module of the function it runs. This
one needs the engine and Arrow only, not DuckDB, the store or the importers
(0.16 s of CPU to import against 0.29 s for ``reviewer.workflow``, paid by
every worker of every parallel flag run). ``reviewer.workflow`` starts them.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from typing import Any

import orjson
import pyarrow as pa

from reviewer.flags.engine import FlagEngine
from reviewer.flags.policy import Policy
from reviewer.model import Flag

FLAG_ROW_SCHEMA = pa.schema(
    [
        ("post_id", pa.string()),
        ("rule", pa.string()),
        ("severity", pa.string()),
        ("score", pa.float64()),
        ("evidence", pa.string()),
        ("policy_version", pa.string()),
    ]
)


def flag_rows(flags: Sequence[Flag]) -> pa.Table:
    """Flags as the rows ``Store.write_flags`` inserts (evidence as JSON text)."""
    return pa.table(
        {
            "post_id": [f.post_id for f in flags],
            "rule": [f.rule for f in flags],
            "severity": [str(f.severity) for f in flags],
            "score": [float(f.score) for f in flags],
            # orjson writes the same values in a tenth of json's time (compact, UTF-8 kept).
            "evidence": [orjson.dumps([e.as_dict() for e in f.evidence]).decode() for f in flags],
            "policy_version": [f.policy_version for f in flags],
        },
        schema=FLAG_ROW_SCHEMA,
    )


_policy: Policy | None = None
_engines: dict[frozenset[str] | None, FlagEngine] = {}

# A worker allocates millions of short-lived objects next to big caches, and the
# engine leaves no reference cycles behind (none in 300,000 generated posts), so
# Python's cycle collector mostly rescans the caches: 0.4-0.6 µs of a worker's
# 6.5 µs a post (measured). Workers collect young objects 70 times less often
# and never scan an engine once built.
WORKER_GC_THRESHOLD = (50_000, 50, 100)


def init(policy: Policy) -> None:
    """The pool's initializer: the policy this worker flags under."""
    global _policy
    _policy = policy
    _engines.clear()
    gc.set_threshold(*WORKER_GC_THRESHOLD)


def engine_for(
    policy: Policy, only: frozenset[str] | None, cache: dict[Any, FlagEngine]
) -> FlagEngine:
    """The engine running ``only`` these rules (None: every active rule), built once per cache."""
    engine = cache.get(only)
    if engine is None:
        engine = cache[only] = FlagEngine(policy, only=only)
    return engine


def flag_batch(batch: pa.RecordBatch, only: frozenset[str] | None) -> pa.Table:
    """The flags of one batch as rows ready to insert: serialising evidence here
    keeps it off the parent."""
    assert _policy is not None, "init() runs first"
    built = len(_engines)
    engine = engine_for(_policy, only, _engines)
    if len(_engines) != built:
        gc.freeze()  # a new engine and its tables: never garbage, never scanned again
    return flag_rows(engine.flag_arrow(batch))
