"""The command line: each command parses, calls the core, prints. No logic of its own."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from reviewer import __version__, config
from reviewer.errors import CheckFailed, InputError, ReviewerError
from reviewer.model import PLATFORMS, RULES, SEVERITY_ORDER, Disposition, Role, Severity, Status


class Context:
    """What every command needs: the database target and the reviewer's name."""

    def __init__(self, db: str | None, reviewer: str | None, data_path: str | None = None) -> None:
        from reviewer.store.team import with_data_path

        self.db = with_data_path(config.database_target(db), config.data_path(data_path))
        self.reviewer = config.reviewer_name(reviewer)

    def store(  # type: ignore[no-untyped-def]
        self, *, read_only: bool = False, as_of: datetime | None = None
    ):
        from reviewer.store import Store

        return Store.open(self.db, read_only=read_only, as_of=as_of)

    def policy(self, option: str | None = None):  # type: ignore[no-untyped-def]
        from reviewer.flags.policy import load_policy

        return load_policy(config.policy_path(option, self.db))


pass_ctx = click.make_pass_decorator(Context)


def _parse_as_of(value: str | None) -> datetime | None:
    """``--as-of``: an ISO 8601 date or timestamp; without a zone it is UTC."""
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InputError("--as-of", f"{value!r} is not an ISO 8601 date or timestamp") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


_as_of_option = click.option(
    "--as-of",
    "as_of",
    metavar="TIMESTAMP",
    help="Show the review state as it was at this moment (ISO 8601, UTC if no zone).",
)


def _progress(label: str, total: int | None = None):  # type: ignore[no-untyped-def]
    """A progress bar on an interactive stderr, nothing otherwise."""
    if not sys.stderr.isatty():
        return None, None
    bar = click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True)
    bar.__enter__()
    state = {"done": 0}

    def update(done: int) -> None:
        bar.update(done - state["done"])
        state["done"] = done

    return bar, update


class _LateProgress:
    """Progress on an interactive stderr, shown once work lasts more than a moment.

    Before any post comes out, the input is read once (a ``.tar.gz`` walked on
    opening, every file hashed): that shows as a bar over the input's bytes.
    The number of posts is not known before the files are parsed, so the
    import itself shows a running count of posts and their rate.
    """

    DELAY = 0.5  # seconds before anything is shown
    EVERY = 0.1  # seconds between redraws
    WIDTH = 30  # characters of the bar

    def __init__(self, label: str) -> None:
        import time

        self._clock = time.monotonic
        self._start = self._last = self._clock()
        self._label = label
        self._shown = False

    def _due(self, final: bool = False) -> bool:
        now = self._clock()
        if (
            not sys.stderr.isatty()
            or now - self._start < self.DELAY
            or (now - self._last < self.EVERY and not final)
        ):
            return False
        self._last = now
        self._shown = True
        return True

    def _draw(self, line: str) -> None:
        sys.stderr.write(f"\r{line}\x1b[K")
        sys.stderr.flush()

    def reading(self, label: str, done: int, total: int | None) -> None:
        """Bytes read of the input before the import proper (``total`` when known)."""
        if not self._due(final=total is not None and done >= total):
            return
        mb = f"{done / 1e6:,.0f}"
        if not total:
            self._draw(f"{label}: {mb} MB")
            return
        part = min(done / total, 1.0)
        filled = int(part * self.WIDTH)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self._draw(f"{label} [{bar}] {part:4.0%} {mb} of {total / 1e6:,.0f} MB")

    def update(self, done: int) -> None:
        """Posts read so far."""
        if not self._due():
            return
        rate = done / max(self._clock() - self._start, 1e-9)
        self._draw(f"{self._label}: {done:,} posts ({rate:,.0f}/s)")

    def close(self) -> None:
        if self._shown:
            sys.stderr.write("\n")
            sys.stderr.flush()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    metavar="TARGET",
    help="Database file, or a team lakehouse ducklake:postgres:<conninfo> "
    "(default $REVIEWER_DB, the config file, else ./reviewer.duckdb).",
)
@click.option(
    "--data-path",
    metavar="DIR",
    help="Team mode: the shared folder of the lakehouse's data files "
    "(default $REVIEWER_DATA_PATH, the config file, else the folder given at team init).",
)
@click.option(
    "--reviewer",
    metavar="NAME",
    help="Your name on review events (default $REVIEWER_NAME, the config file, or your user).",
)
@click.version_option(__version__, prog_name="reviewer")
@click.pass_context
def cli(ctx: click.Context, db: str | None, data_path: str | None, reviewer: str | None) -> None:
    """reviewer: import social-media exports, flag policy breaches, review them."""
    ctx.obj = Context(db, reviewer, data_path)


# -- import and flag ----------------------------------------------------------


@cli.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--platform", help="Skip detection and read the input as this platform.")
@click.option("--owner", metavar="HANDLE", help="Author handle when the export does not name one.")
@click.option(
    "--map",
    "mapping",
    multiple=True,
    metavar="THEIRS=OURS",
    help="Generic import: read column THEIRS as OURS (id, author, created_at, text, ...).",
)
@pass_ctx
def import_cmd(
    obj: Context,
    paths: tuple[Path, ...],
    platform: str | None,
    owner: str | None,
    mapping: tuple[str, ...],
) -> None:
    """Import platform exports (files, folders, .zip or .tar.gz archives)."""
    from reviewer.workflow import import_exports, read_exports, summarize_import

    for path in paths:
        if not path.exists():
            raise InputError(str(path), "no such file or directory")
    column_map: dict[str, str] = {}
    for item in mapping:
        theirs, sep, ours = item.partition("=")
        if not sep or not theirs.strip() or not ours.strip():
            raise InputError("--map", f"{item!r} must read THEIRS=OURS")
        column_map[theirs.strip()] = ours.strip()
    bar = _LateProgress("importing posts")
    try:
        exports = read_exports(
            list(paths),
            platform=platform,
            owner=owner,
            column_map=column_map or None,
            reading=bar.reading,
        )
        with obj.store() as store:
            results = import_exports(
                store, exports, imported_by=obj.reviewer, progress=bar.update, reading=bar.reading
            )
    finally:
        bar.close()
    for r, export in zip(results, exports, strict=True):
        skipped = ", ".join(f"{n} {why}" for why, n in sorted(export.skipped.items()))
        click.echo(
            f"{r.source}: {r.platform}, {r.posts_added} posts added, "
            f"{r.posts_unchanged} already present" + (f", skipped: {skipped}" if skipped else "")
        )
    _print_import_summary(summarize_import(exports, results))


def _print_import_summary(rows: list[Any]) -> None:
    """The per-platform table at the end of an import."""
    click.echo("")
    click.echo(f"{'platform':10} {'exports':>7} {'added':>9} {'unchanged':>9}  skipped")
    for row in rows:
        skipped = ", ".join(f"{n} {why}" for why, n in sorted(row.skipped.items())) or "-"
        click.echo(
            f"{row.platform:10} {row.exports:7,} {row.added:9,} {row.unchanged:9,}  {skipped}"
        )


@cli.command()
@click.option(
    "--policy",
    "policy_file",
    metavar="FILE",
    help="Policy file (default: policy.toml beside the database, else the built-in pack).",
)
@click.option(
    "--rescan",
    is_flag=True,
    help="Run every rule on every post again, not only on new posts and for changed rules.",
)
@pass_ctx
def flag(obj: Context, policy_file: str | None, rescan: bool) -> None:
    """Flag posts that break the policy."""
    from reviewer.workflow import flag_posts

    policy = obj.policy(policy_file)
    with obj.store() as store:
        total = store.count_posts_to_flag(policy.version, rescan=rescan)
        bar, update = _progress("flagging", total)
        try:
            summary = flag_posts(store, policy, rescan=rescan, progress=update)
        finally:
            if bar:
                bar.__exit__(None, None, None)
    click.echo(
        f"policy {summary.policy_version}: scanned {summary.scanned:,} posts, "
        f"{summary.flagged_posts:,} flagged ({summary.flags:,} flags)"
    )
    for change in summary.changes:  # what ran on which posts, e.g. after a policy change
        click.echo(change.describe())


# -- the TUI --------------------------------------------------------------------


def _run_tui(store: Any, reviewer: str, policy: Any, queries_dir: Path | None = None) -> None:
    from reviewer.tui.app import make_app

    make_app(store, reviewer, policy=policy, queries_dir=queries_dir, keymap=config.keymap()).run()


@cli.command()
@click.option(
    "--policy", "policy_file", metavar="FILE", help="Policy file for tags and references."
)
@click.option(
    "--queries",
    "queries_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="A folder of your own saved queries for the queries screen.",
)
@_as_of_option
@pass_ctx
def review(
    obj: Context, policy_file: str | None, queries_dir: Path | None, as_of: str | None
) -> None:
    """Open the review queue in the terminal UI (read-only with --as-of)."""
    if queries_dir is not None and not queries_dir.is_dir():
        raise InputError(str(queries_dir), "no such query folder")
    moment = _parse_as_of(as_of)
    policy = obj.policy(policy_file)
    with obj.store(read_only=moment is not None, as_of=moment) as store:
        _run_tui(store, obj.reviewer, policy, queries_dir)


cli.add_command(review, "tui")


@cli.command()
def keys() -> None:
    """List the review TUI's key bindings: the ids a config file's [keymap] may remap."""
    from reviewer.tui.app import binding_table

    rows = [(binding_id, key, description) for binding_id, key, description in binding_table()]
    overrides = config.keymap()
    click.echo(f"{'binding id':<24} {'key':<18} description")
    for binding_id, key, description in rows:
        shown = overrides.get(binding_id, key)
        mark = " (config)" if binding_id in overrides else ""
        click.echo(f"{binding_id:<24} {shown + mark:<18} {description}")
    click.echo(f'\nRemap in {config.config_file()} under [keymap], e.g. "{rows[0][0]}" = "f2".')


@cli.command()
@click.option(
    "--demo-db",
    default="reviewer-demo.duckdb",
    show_default=True,
    type=click.Path(path_type=Path),
    help="Where to build the demo database (replaced each time).",
)
@click.option(
    "--no-tui",
    is_flag=True,
    help="Build and flag the demo database, print its stats, do not open the UI.",
)
@pass_ctx
def demo(obj: Context, demo_db: Path, no_tui: bool) -> None:
    """Import the sample exports into a fresh demo database, flag it and open the queue."""
    from reviewer.flags.policy import load_policy
    from reviewer.paths import shipped_dir
    from reviewer.store import Store
    from reviewer.workflow import flag_posts, import_exports, read_exports

    samples = shipped_dir("sample_exports")
    for leftover in (demo_db, demo_db.with_name(demo_db.name + ".wal")):
        if leftover.exists():
            leftover.unlink()
    exports = read_exports([samples])
    policy = load_policy(None)
    with Store.open(demo_db) as store:
        results = import_exports(store, exports, imported_by=obj.reviewer)
        summary = flag_posts(store, policy)
        added = sum(r.posts_added for r in results)
        click.echo(
            f"demo database {demo_db}: {added} posts from {len(results)} exports, "
            f"{summary.flagged_posts} flagged"
        )
        if no_tui:
            _print_stats(store)
        else:
            _run_tui(store, obj.reviewer, policy)


# -- scripted review actions ----------------------------------------------------


def _service(store: Any, obj: Context):  # type: ignore[no-untyped-def]
    from reviewer.review import ReviewService

    return ReviewService(store, obj.reviewer)


@cli.command()
@click.argument("post_id")
@click.argument("tag")
@click.option("--remove", is_flag=True, help="Remove the tag instead of adding it.")
@pass_ctx
def tag(obj: Context, post_id: str, tag: str, remove: bool) -> None:
    """Tag a post (or remove a tag)."""
    with obj.store() as store:
        svc = _service(store, obj)
        event = svc.untag(post_id, tag) if remove else svc.tag(post_id, tag)
    click.echo(f"#{event['seq']} {event['action']} {post_id} {tag}")


@cli.command()
@click.argument("post_id")
@click.argument("text")
@pass_ctx
def note(obj: Context, post_id: str, text: str) -> None:
    """Add a note to a post."""
    with obj.store() as store:
        event = _service(store, obj).note(post_id, text)
    click.echo(f"#{event['seq']} note {post_id}")


@cli.command()
@click.argument("post_id")
@click.argument("status", type=click.Choice([s.value for s in Status]))
@click.option(
    "--disposition", type=click.Choice([d.value for d in Disposition]), help="Required to resolve."
)
@click.option(
    "--escalate-to", type=click.Choice([r.value for r in Role]), help="Required to escalate."
)
@click.option(
    "--note",
    "note_text",
    metavar="TEXT",
    help="Why (required for false_positive on high/critical posts).",
)
@click.option(
    "--expect-version",
    type=click.IntRange(min=0),
    metavar="SEQ",
    help="The post's latest event seq you saw (`audit log --post`); if someone decided on "
    "it since, nothing is recorded and the new state is shown (exit 1).",
)
@pass_ctx
def decide(
    obj: Context,
    post_id: str,
    status: str,
    disposition: str | None,
    escalate_to: str | None,
    note_text: str | None,
    expect_version: int | None,
) -> None:
    """Set a post's review status: resolve, escalate or reopen it."""
    with obj.store() as store:
        event = _service(store, obj).decide(
            post_id,
            status,
            disposition=disposition,
            escalate_to=escalate_to,
            note=note_text,
            expected_version=expect_version,
        )
    click.echo(
        f"#{event['seq']} decide {post_id} {status}" + (f" {disposition}" if disposition else "")
    )


@cli.command("flag-feedback")
@click.argument("post_id")
@click.argument("rule")
@click.option(
    "--wrong/--confirmed",
    "wrong",
    default=None,
    help="The flag is wrong (a false positive) / the flag is right.",
)
@pass_ctx
def flag_feedback(obj: Context, post_id: str, rule: str, wrong: bool | None) -> None:
    """Judge one flag of a post (RULE), not the whole post: --wrong or --confirmed."""
    if wrong is None:
        raise InputError("--wrong/--confirmed", "say whether the flag is wrong or confirmed")
    verdict = "false_positive" if wrong else "confirmed"
    with obj.store() as store:
        event = _service(store, obj).flag_feedback(post_id, rule, verdict)
    click.echo(f"#{event['seq']} flag_feedback {post_id} {rule} {verdict}")


@cli.command()
@click.argument("post_id")
@click.argument("assignee", required=False)
@pass_ctx
def assign(obj: Context, post_id: str, assignee: str | None) -> None:
    """Assign a post to a reviewer; without ASSIGNEE, claim it for yourself."""
    with obj.store() as store:
        event = _service(store, obj).assign(post_id, assignee or obj.reviewer)
    click.echo(f"#{event['seq']} assign {post_id} to {event['payload']['assignee']}")


@cli.command()
@click.argument("post_id")
@click.option("--seq", type=int, help="The event to cancel (default: your latest on the post).")
@pass_ctx
def undo(obj: Context, post_id: str, seq: int | None) -> None:
    """Cancel a review action with a compensating event."""
    with obj.store() as store:
        event = _service(store, obj).undo(post_id, seq)
    click.echo(f"#{event['seq']} undo of #{event['payload']['undoes']} on {post_id}")


# -- queries ----------------------------------------------------------------------


def _queries(extra: Path | None):  # type: ignore[no-untyped-def]
    from reviewer.paths import shipped_dir
    from reviewer.store.queries import load_queries

    folders = [shipped_dir("queries")]
    if extra is not None:
        if not extra.is_dir():
            raise InputError(str(extra), "no such query folder")
        folders.append(extra)
    return load_queries(*folders)


def _emit(names: list[str], rows: list[tuple[Any, ...]], fmt: str, out: Path | None) -> None:
    from reviewer import output

    if fmt == "parquet":
        if out is None:
            raise InputError("--format parquet", "needs -o FILE")
        output.write_parquet(names, rows, out)
        return
    text = {
        "table": output.render_table,
        "csv": output.render_csv,
        "json": output.render_json,
    }[fmt](names, rows)
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")


@cli.group()
def query() -> None:
    """Saved read-only SQL for auditors."""


_queries_option = click.option(
    "--queries",
    "queries_dir",
    type=click.Path(path_type=Path),
    help="A folder of your own saved queries (adds to or overrides the shipped ones).",
)


@query.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@_queries_option
def query_list(fmt: str, queries_dir: Path | None) -> None:
    """List the saved queries."""
    found = _queries(queries_dir)
    names = ["name", "title", "parameters"]
    rows = [
        (q.name, q.title, " ".join(f"{p.name}={p.default}" for p in q.params))
        for q in found.values()
    ]
    _emit(names, rows, fmt, None)


def _record(
    obj: Context,
    name: str,
    sql: str,
    values: dict[str, Any],
    names: list[str],
    rows: list[tuple[Any, ...]],
) -> None:
    """Record the run for the audit trail, and say so on stderr."""
    from reviewer.store.queries import record_run

    digest = record_run(
        obj.db,
        reviewer=obj.reviewer,
        query_name=name,
        sql=sql,
        params=values,
        names=names,
        rows=rows,
    )
    click.echo(f"{len(rows)} rows, result sha256 {digest}", err=True)


@query.command("docs")
@_queries_option
def query_docs(queries_dir: Path | None) -> None:
    """Print docs/queries.md, generated from the query headers."""
    from reviewer.store.queries import queries_markdown

    click.echo(queries_markdown(_queries(queries_dir)), nl=False)


@query.command("run")
@click.argument("name")
@click.option(
    "-p", "params", nargs=2, multiple=True, metavar="KEY VALUE", help="A parameter value."
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json", "parquet"]), default="table"
)
@click.option("-o", "out", type=click.Path(path_type=Path), help="Write to FILE instead of stdout.")
@_queries_option
@_as_of_option
@pass_ctx
def query_run(
    obj: Context,
    name: str,
    params: tuple[tuple[str, str], ...],
    fmt: str,
    out: Path | None,
    queries_dir: Path | None,
    as_of: str | None,
) -> None:
    """Run a saved query on a read-only connection."""
    from reviewer.store.queries import run_sql

    found = _queries(queries_dir)
    if name not in found:
        raise InputError(name, f"no such saved query ({', '.join(sorted(found))})")
    saved = found[name]
    values = saved.bind(dict(params))
    moment = _parse_as_of(as_of)
    names, rows = run_sql(obj.db, saved.sql, values, as_of=moment)
    _emit(names, rows, fmt, out)
    _record(obj, name, saved.sql, {**values, "as_of": moment} if moment else values, names, rows)


@query.command("sql")
@click.argument("sql")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json", "parquet"]), default="table"
)
@click.option("-o", "out", type=click.Path(path_type=Path), help="Write to FILE instead of stdout.")
@_as_of_option
@pass_ctx
def query_sql(obj: Context, sql: str, fmt: str, out: Path | None, as_of: str | None) -> None:
    """Run ad-hoc SQL on a read-only connection."""
    from reviewer.store.queries import run_sql

    moment = _parse_as_of(as_of)
    names, rows = run_sql(obj.db, sql, as_of=moment)
    _emit(names, rows, fmt, out)
    _record(obj, "sql", sql, {"as_of": moment} if moment else {}, names, rows)


# -- reports, audit, stats ------------------------------------------------------

_REPORT_FORMATS = ("md", "html", "csv", "json", "parquet", "pdf")
_BINARY_FORMATS = ("parquet", "pdf")


@cli.group(invoke_without_command=True)
@click.option(
    "--format",
    "fmts",
    type=click.Choice([*_REPORT_FORMATS, "all"]),
    multiple=True,
    help="md (default), html, csv, json, parquet, pdf; repeat it, or `all`, with -o DIR.",
)
@click.option(
    "-o",
    "out",
    type=click.Path(),
    help="Write to FILE, or into DIR (an existing folder, one ending in /, or several formats); "
    "manifest.json goes beside.",
)
@click.option(
    "--since", type=click.DateTime(["%Y-%m-%d"]), help="First day (posts created on or after)."
)
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Last day (inclusive).")
@click.option(
    "--min-severity",
    type=click.Choice([s.value for s in SEVERITY_ORDER]),
    default="info",
    show_default=True,
)
@click.option(
    "--status",
    type=click.Choice([s.value for s in Status]),
    help="Only posts with this review status.",
)
@click.option(
    "--rule",
    "rules",
    multiple=True,
    type=click.Choice(RULES),
    metavar="RULE",
    help="Flagged by RULE (a rule name of docs/policy.md).",
)
@click.option(
    "--platform",
    "platforms",
    multiple=True,
    type=click.Choice(PLATFORMS),
    metavar="PLATFORM",
    help="From PLATFORM (x, facebook, linkedin, ...).",
)
@click.option("--author", "authors", multiple=True, metavar="HANDLE", help="Posted by HANDLE.")
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="Carrying review tag TAG.")
@click.option(
    "--unmask",
    is_flag=True,
    help="Show personal data unmasked; recorded as a review event in the log.",
)
@click.option("--generated-at", "generated_at", hidden=True, metavar="TIMESTAMP")
@_as_of_option
@click.pass_context
def report(
    ctx: click.Context,
    fmts: tuple[str, ...],
    out: str | None,
    since: Any,
    until: Any,
    min_severity: str,
    status: str | None,
    rules: tuple[str, ...],
    platforms: tuple[str, ...],
    authors: tuple[str, ...],
    tags: tuple[str, ...],
    unmask: bool,
    generated_at: str | None,
    as_of: str | None,
) -> None:
    """Write an incident report of flagged posts (and `report verify DIR` to check one)."""
    if ctx.invoked_subcommand is not None:
        return
    from reviewer.reports import Filters
    from reviewer.reports.deliver import Delivery, deliver

    obj: Context = ctx.find_object(Context)  # type: ignore[assignment]
    formats = list(_REPORT_FORMATS if "all" in fmts else dict.fromkeys(fmts or ("md",)))
    if out is None and len(formats) > 1:
        raise InputError("--format", "several formats need -o DIR")
    if out is None and formats[0] in _BINARY_FORMATS:
        raise InputError(f"--format {formats[0]}", "needs -o PATH")
    if since and until and since > until:
        raise InputError("--since", "is after --until")
    as_of_moment = _parse_as_of(as_of)
    clock = _parse_as_of(generated_at) if generated_at else None
    filters = Filters(
        since=since.date() if since else None,
        until=until.date() if until else None,
        min_severity=Severity(min_severity),
        status=status,
        rules=rules,
        platforms=platforms,
        authors=tuple(a.strip() for a in authors if a.strip()),
        tags=tuple(t.strip() for t in tags if t.strip()),
    )
    result = deliver(
        Delivery(
            db=obj.db,
            reviewer=obj.reviewer,
            filters=filters,
            formats=formats,
            out=out,
            as_of=as_of_moment,
            unmask=unmask,
            generated_at=clock,
        )
    )
    if result.text is not None:
        click.echo(result.text, nl=False)
        return
    for path in result.files:
        click.echo(f"{path}: {result.incidents} incidents", err=True)
    if result.manifest is not None:
        click.echo(f"{result.manifest}: review log head {result.head}", err=True)
    if result.unmask_event is not None:
        click.echo(
            f"personal data unmasked: recorded as review event #{result.unmask_event}", err=True
        )


@report.command("verify")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option(
    "--files-only", is_flag=True, help="Check the files against the manifest, not the database."
)
@pass_ctx
def report_verify(obj: Context, folder: Path, files_only: bool) -> None:
    """Check a delivered report: files against manifest.json, its chain head against the log."""
    from reviewer.reports.manifest import read_manifest, verify_against_store, verify_files

    manifest = read_manifest(folder)
    problems = verify_files(folder, manifest)
    if not files_only:
        with obj.store(read_only=True) as store:
            problems += verify_against_store(store, manifest)
    if problems:
        raise CheckFailed(str(folder), "; ".join(problems))
    head = manifest["review_log_head"]
    click.echo(
        f"{folder}: {len(manifest['files'])} files match manifest.json"
        + ("" if files_only else f"; review log verifies and still holds seq {head['seq']}")
    )


@cli.group()
def audit() -> None:
    """The tamper-evident review log."""


@audit.command("verify")
@click.option(
    "--head",
    "head",
    metavar="SEQ:HASH",
    help="A head written down earlier (`audit head`): prove the log still extends it.",
)
@pass_ctx
def audit_verify(obj: Context, head: str | None) -> None:
    """Recompute the hash chain; exit 1 naming the first bad event."""
    from reviewer.review import ReviewService

    expected: tuple[int, str] | None = None
    if head is not None:
        seq_text, sep, hash_text = head.partition(":")
        if not sep or not seq_text.isdigit() or len(hash_text) != 64:
            raise InputError("--head", f"{head!r} must read SEQ:HASH as `audit head` prints it")
        expected = (int(seq_text), hash_text.lower())
    with obj.store(read_only=True) as store:
        result = ReviewService(store, obj.reviewer).verify()
        recorded = store.event(expected[0]) if expected and expected[0] > 0 else None
    if not result.ok:
        raise CheckFailed(f"review_events seq {result.bad_seq}", f"{result.reason}")
    if expected is not None and expected[0] > 0:
        if recorded is None:
            raise CheckFailed(
                f"review_events seq {expected[0]}",
                f"missing: the log ends at seq {result.head_seq}, events were removed",
            )
        if recorded["hash"] != expected[1]:
            raise CheckFailed(
                f"review_events seq {expected[0]}", "hash differs from the recorded head"
            )
    click.echo(
        f"review log intact: {result.checked} events, head seq {result.head_seq} "
        f"hash {result.head_hash}"
    )


@audit.command("head")
@pass_ctx
def audit_head(obj: Context) -> None:
    """Print the chain head (seq:hash) for an auditor to write down."""
    from reviewer.review import GENESIS

    with obj.store(read_only=True) as store:
        last = store.last_event()
    click.echo(f"{last['seq']}:{last['hash']}" if last else f"0:{GENESIS}")


@audit.command("log")
@click.option("--post", "post_id", metavar="POST_ID", help="Only the events of this post.")
@pass_ctx
def audit_log(obj: Context, post_id: str | None) -> None:
    """Print the review log."""
    import json

    with obj.store(read_only=True) as store:
        for e in store.events(post_id):
            payload = json.dumps(e["payload"], ensure_ascii=False, sort_keys=True)
            click.echo(
                f"{e['seq']}\t{e['occurred_at']:%Y-%m-%d %H:%M:%S}\t{e['reviewer']}\t"
                f"{e['post_id']}\t{e['action']}\t{payload}\t{e['hash'][:16]}"
            )


# -- team mode --------------------------------------------------------------------


@cli.group()
def team() -> None:
    """Team mode: a shared lakehouse (catalog in PostgreSQL, data files in a folder)."""


def _team_target(obj: Context) -> str:
    from reviewer.store.team import is_team

    if not is_team(obj.db):
        raise InputError("--db", f"{obj.db!r} is not a team target (ducklake:postgres:<conninfo>)")
    return obj.db


@team.command("init")
@pass_ctx
def team_init(obj: Context) -> None:
    """Create the PostgreSQL database (if missing), the catalog and the schema."""
    from reviewer.store import Store
    from reviewer.store.connection import schema_version
    from reviewer.store.team import catalog_exists, create_database, postgres_dsn

    target = _team_target(obj)
    dsn = postgres_dsn(target)
    created_db = create_database(dsn)
    if catalog_exists(dsn):
        with Store.open(target) as store:
            version = schema_version(store.con)
        click.echo(f"{dsn}: catalog already there (schema version {version})")
        return
    with Store.open(target, create=True) as store:
        version = schema_version(store.con)
    where = getattr(target, "data_path", None)
    click.echo(
        f"{dsn}: {'database and ' if created_db else ''}catalog created, schema version "
        f"{version}, data files in {where}"
    )


@team.command("maintain")
@click.option(
    "--keep-days",
    type=click.FloatRange(min=0),
    default=7.0,
    show_default=True,
    help="Keep snapshots (lakehouse time travel) younger than this many days.",
)
@pass_ctx
def team_maintain(obj: Context, keep_days: float) -> None:
    """Compact small files and expire old snapshots; review events stay as they are."""
    from datetime import timedelta

    from reviewer.store import Store
    from reviewer.store.team import maintain

    target = _team_target(obj)
    with Store.open(target) as store:
        done = maintain(store.con, datetime.now(UTC) - timedelta(days=keep_days))
    click.echo(
        f"snapshots {done['snapshots_before']} -> {done['snapshots_after']}, "
        f"data files {done['files_before']} -> {done['files_after']}"
    )


def _print_stats(store: Any) -> None:
    for title, rows in store.stats().items():
        click.echo(f"{title}:")
        for key, count in rows or [("none", 0)]:
            click.echo(f"  {key:<28} {count:>8}")


@cli.command("eval")
@click.option(
    "--data",
    "data_dir",
    metavar="DIR",
    type=click.Path(path_type=Path),
    help="Folder of the public evaluation sets (default: shared/eval beside the repository).",
)
@click.option(
    "--labeled",
    "labeled_dir",
    metavar="DIR",
    type=click.Path(path_type=Path),
    help="Folder of the project's own labeled sets (default: tests/flags/data).",
)
@click.option(
    "--dataset",
    "datasets",
    multiple=True,
    type=click.Choice(["own", "vader_tweets", "germeval2017", "germeval2018", "olid", "presidio"]),
    help="Only this data set (repeatable; default: all).",
)
@click.option("--policy", "policy_file", metavar="FILE", help="Policy file to measure.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def eval_command(
    data_dir: Path | None,
    labeled_dir: Path | None,
    datasets: tuple[str, ...],
    policy_file: str | None,
    fmt: str,
) -> None:
    """Measure flag quality against labeled data (exit 1 when a target is missed)."""
    import json

    from reviewer.flags import evaluate as ev
    from reviewer.flags.policy import load_policy
    from reviewer.output import render_table

    for option, folder in (("--data", data_dir), ("--labeled", labeled_dir)):
        if folder is not None and not folder.is_dir():
            raise InputError(f"{option} {folder}", "not a directory")
    policy = load_policy(Path(policy_file) if policy_file else None)
    results = ev.evaluate(
        policy,
        data_dir or ev.DEFAULT_DATA,
        labeled_dir or ev.DEFAULT_LABELED,
        datasets or ev.DATASETS,
    )
    missed = [r for r in results if r.missed]
    if fmt == "json":
        payload = {"policy_version": policy.version, "results": [r.as_dict() for r in results]}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        click.echo(f"policy {policy.version}")
        click.echo(render_table(list(ev.COLUMNS), ev.table_rows(results), width=80), nl=False)
    if missed:
        names = ", ".join(f"{r.dataset}/{r.rule}" for r in missed)
        raise CheckFailed("eval", f"{len(missed)} target(s) missed: {names}")


@cli.command()
@pass_ctx
def stats(obj: Context) -> None:
    """Counts by platform, flag, severity and review status."""
    with obj.store(read_only=True) as store:
        _print_stats(store)


def main(argv: list[str] | None = None) -> None:
    """Entry point: one line on stderr and a contract exit status for every failure."""
    try:
        code = cli.main(args=argv, prog_name="reviewer", standalone_mode=False)
    except ReviewerError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except click.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx else "reviewer"
        message = exc.format_message().replace("\n", " ")
        click.echo(f"error: {where}: {message}", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        click.echo(f"error: reviewer: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("error: reviewer: aborted", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        click.echo("error: reviewer: interrupted; nothing partial was written", err=True)
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
