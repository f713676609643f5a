"""Where a bulk import writes, behind one small interface (SQL with %s placeholders):

- `DjangoWriter`: the Django connection inside `transaction.atomic()` — executemany on the raw
  sqlite3 connection, COPY on PostgreSQL (both ways: `fetch_arrow` reads a query as Arrow columns). Used inside an outer transaction (tests), for in-memory
  SQLite and for PostgreSQL.
- `AdbcWriter`: for an SQLite database file, a child process (`sqlite_child`) writing through
  ADBC's SQLite driver, which binds parameters straight from Arrow columns (no Python tuple per
  row: a million rows go in ~3× faster). It takes the write lock first (BEGIN IMMEDIATE), so
  nothing else can change the database until it commits or rolls back; the Django connection may
  still read (WAL) what was committed before.
"""

import importlib.util
import io
import os
import pickle
import queue
import subprocess
import sys
import threading
import time

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
from django.db import connection


def adbc_target() -> str | None:
    """The SQLite file to write through ADBC, or None to use the Django connection."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return None
    if os.environ.get("CHISO_BULK_WRITER") == "django":
        return None
    name = str(connection.settings_dict.get("NAME") or "")
    if not name or name.startswith("file:") or ":memory:" in name or connection.is_in_memory_db():
        return None
    # find_spec, not import: the driver's own SQLite library must never load in this process
    if importlib.util.find_spec("adbc_driver_sqlite") is None:  # pragma: no cover - pinned
        return None
    return name


def arrow_column(values: np.ndarray, missing=None) -> pa.Array:
    """A numpy column as Arrow, null where `values == missing` (NaN for floats when missing is None);
    text columns are Arrow arrays already."""
    if isinstance(values, pa.Array):
        return values
    if missing is None and values.dtype.kind != "f":
        return pa.array(values)
    mask = np.isnan(values) if missing is None else values == missing
    return pa.array(values, mask=mask if mask.any() else None)


class DjangoWriter:
    threaded = False

    def __init__(self, cursor):
        self.cursor = cursor
        self.vendor = connection.vendor
        # PostgreSQL takes Arrow tables as CSV through COPY (written by Arrow in C++); SQLite's
        # executemany needs tuples.
        self.arrow = self.vendor == "postgresql"

    def execute(self, sql: str, params=()) -> None:
        self.cursor.execute(sql, params)

    def query(self, sql: str, params=()) -> list[tuple]:
        self.cursor.execute(sql, params)
        return self.cursor.fetchall()

    def fetch_batches(self, sql: str, params, size: int):
        self.cursor.execute(sql, params)
        while rows := self.cursor.fetchmany(size):
            yield rows

    def fetch_arrow(self, sql: str, params=()) -> pa.Table:
        """PostgreSQL (`arrow`): a query's rows as Arrow columns through COPY … TO STDOUT, parsed
        as CSV by Arrow in C++ — no Python tuple per row (a million rows: ~8 s → ~1 s). COPY takes
        no parameters: they must be integers, inlined."""
        query = sql.replace("%s", "{}").format(*(int(p) for p in params))
        buf = io.BytesIO()
        with self.cursor.copy(f"COPY ({query}) TO STDOUT (FORMAT csv, HEADER)") as cp:
            for block in cp:
                buf.write(block)
        buf.seek(0)
        return pacsv.read_csv(buf, read_options=pacsv.ReadOptions(use_threads=True))

    def executemany(self, sql: str, rows) -> None:
        """On SQLite through the raw connection (Django's per-row parameter handling is a large
        share of a bulk insert)."""
        if not len(rows):
            return
        if isinstance(rows, pa.Table):
            rows = list(zip(*(c.to_pylist() for c in rows.columns), strict=True))
        if self.vendor == "sqlite":
            connection.connection.executemany(sql.replace("%s", "?"), rows)
        else:
            self.cursor.executemany(sql, rows)

    def insert(self, table: str, cols: list[str], rows) -> None:
        """rows: a list of tuples, or (PostgreSQL) an Arrow table with the columns `cols`."""
        if not len(rows):
            return
        if isinstance(rows, pa.Table):  # COPY … CSV: unquoted empty = NULL, "" = empty text
            buf = io.BytesIO()
            pacsv.write_csv(rows.select(cols), buf, write_options=pacsv.WriteOptions(include_header=False))
            with self.cursor.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN (FORMAT csv)") as cp:
                cp.write(buf.getbuffer())
            return
        if self.vendor == "postgresql":
            with self.cursor.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as cp:
                for r in rows:
                    cp.write_row(r)
        else:
            marks = ", ".join(["%s"] * len(cols))
            self.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", rows)

    def run_in_thread(self):
        """A callable running SQL on this same connection from another thread (SQLite: one
        sqlite3_step per statement, without the GIL)."""
        raw = connection.connection if self.vendor == "sqlite" else None
        if raw is None:
            return None
        return lambda sql: raw.execute(sql)


class WriterFailed(RuntimeError):
    pass


class AdbcWriter:
    """A client of `sqlite_child` (a child process writing through ADBC). Every call waits for
    the child's answer; the child works while this process waits (no GIL held), so a writer
    thread and the importing thread run in parallel."""

    threaded = True

    arrow = True
    vendor = "sqlite"

    def __init__(self, path: str):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "chiso.dossiers.sqlite_child", path],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
        )
        self.lock = threading.Lock()  # one conversation at a time (writer thread, index thread)
        self.open = True
        self._answer()  # the write lock is held once this returns

    def _answer(self):
        try:
            status, value = pickle.load(self.proc.stdout)
        except EOFError:
            raise WriterFailed("Tiến trình ghi cơ sở dữ liệu dừng bất thường") from None
        if status != "ok":
            raise WriterFailed(value)
        return value

    def _call(self, *msg):
        with self.lock:
            pickle.dump(msg, self.proc.stdin, protocol=5)
            self.proc.stdin.flush()
            return self._answer()

    def execute(self, sql: str, params=()) -> None:
        self._call("exec", sql.replace("%s", "?"), list(params))

    def query(self, sql: str, params=()) -> list[tuple]:
        return self._call("query", sql.replace("%s", "?"), list(params))

    def fetch_arrow(self, sql: str, params=()) -> pa.Table:
        return self._call("arrow", sql.replace("%s", "?"), list(params))

    def fetch_arrow_committed(self, sql: str, params=(), parts: int = 2) -> pa.Table:
        """Like fetch_arrow for a query of dossiers_dossier ending in a WHERE clause, read by
        `parts` threads of the child in parallel (id ranges) — but from the COMMITTED database:
        only before this writer changed anything those rows could be."""
        lo, hi = self.query("SELECT MIN(id), MAX(id) FROM dossiers_dossier")[0]
        if lo is None:
            return self.fetch_arrow(sql, params)
        step = (hi - lo) // parts + 1
        ranges = [(lo + i * step, lo + (i + 1) * step) for i in range(parts)]
        name = self._call("arrow_parts", sql.replace("%s", "?"), list(params), ranges)
        try:
            return pa.ipc.open_file(pa.memory_map(name)).read_all()
        finally:
            os.remove(name)  # the mapping keeps the data until the table is dropped

    def executemany(self, sql: str, rows) -> None:
        if len(rows):
            self._call("many", sql.replace("%s", "?"), rows)

    def insert(self, table: str, cols: list[str], rows) -> None:
        """rows: an Arrow table with the columns `cols`, or a list of tuples."""
        if isinstance(rows, pa.Table):
            self._call("ingest", table, rows.select(cols))
            return
        marks = ", ".join(["?"] * len(cols))
        self.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", rows)

    def run_in_thread(self):
        return self.execute

    def commit(self) -> float:
        """Commits; returns the child's peak memory (MB)."""
        self.open = False
        return self._call("commit")

    def close(self) -> None:
        """Ends the child; an uncommitted transaction is rolled back by it."""
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        self.proc.wait(timeout=60)


class Pipeline:
    """Writes of an import handed to a thread while the next chunk is read and parsed — for the
    ADBC writer only, whose statements run without the GIL (sqlite3's executemany takes the GIL
    back for every row, which would stall both threads). Other writers run the call inline.
    The thread owns the writer's connection until drain()."""

    def __init__(self, w):
        self.failure: list[BaseException] = []
        self.thread = None
        self.waited = 0.0
        if w.threaded:
            self.q: queue.Queue = queue.Queue(maxsize=2)
            self.thread = threading.Thread(target=self._work, name="chiso-import-writer", daemon=True)
            self.thread.start()

    def _work(self):
        while (job := self.q.get()) is not None:
            if not self.failure:
                try:
                    job()
                except BaseException as exc:  # re-raised by run()/drain() in the importing thread
                    self.failure.append(exc)

    def run(self, job) -> None:
        if self.thread is None:
            job()
            return
        if self.failure:
            raise self.failure[0]
        t = time.perf_counter()
        self.q.put(job)
        self.waited += time.perf_counter() - t  # the writer is the bottleneck while this grows

    def drain(self) -> None:
        if self.thread is not None:
            self.q.put(None)
            self.thread.join()
            self.thread = None
        if self.failure:
            raise self.failure[0]
