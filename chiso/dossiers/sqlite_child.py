"""The writing half of a bulk import into an SQLite file, run as a child process
(`python -m chiso.dossiers.sqlite_child DB_PATH`): ADBC's SQLite driver binds parameters straight
from Arrow columns, which is ~3× faster than sqlite3's executemany over Python tuples.

Why a process: the ADBC driver carries its own copy of the SQLite library. Two copies of SQLite in
one process corrupt a database (closing a file in one copy drops the POSIX locks the other holds —
sqlite.org/howtocorrupt.html §2.2.1); across processes the locking protocol is shared and safe.

Protocol: pickled (command, *args) tuples on stdin, one pickled ("ok", value) or ("err", message)
reply each on stdout. The child opens one transaction (BEGIN IMMEDIATE: the write lock) at start;
"commit" ends it; end of input without "commit" rolls it back. No Django import.
"""

import os
import pickle
import resource
import sys


def read_parts(path: str, sql: str, params: list, ranges: list[tuple[int, int]]) -> str:
    """Committed rows of `sql` (ending in a WHERE clause), one id range per thread, each on a read
    connection of its own: the driver reads without the GIL, so two cores read a million rows in
    about half the time. They see the committed database — for rows this writer has not changed
    (the write lock it holds keeps anyone else from changing them). Returns an Arrow IPC file
    (mapped by the caller: no copy through the pipe)."""
    import tempfile
    import threading

    import adbc_driver_sqlite.dbapi as dbapi
    import pyarrow as pa

    got: list = [None] * len(ranges)

    def part(i: int, lo: int, hi: int) -> None:
        try:
            with dbapi.connect(path, autocommit=True) as conn, conn.cursor() as cur:
                cur.execute("PRAGMA busy_timeout = 20000")
                cur.execute(f"{sql} AND id >= ? AND id < ?", [*params, lo, hi])
                got[i] = cur.fetch_arrow_table()
        except Exception as exc:  # raised below, in the serving thread
            got[i] = exc

    threads = [threading.Thread(target=part, args=(i, *r)) for i, r in enumerate(ranges)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    for g in got:
        if isinstance(g, Exception):
            raise g
    # Types are inferred per part and may differ (a column all NULL in one part): promoted.
    table = pa.concat_tables(got, promote_options="permissive")
    fd, name = tempfile.mkstemp(prefix="chiso-read-", suffix=".arrow")
    os.close(fd)
    with pa.OSFile(name, "wb") as f, pa.ipc.new_file(f, table.schema) as w:
        w.write_table(table)
    return name


def serve(path: str, inp, out) -> None:
    import adbc_driver_sqlite.dbapi as dbapi

    conn = dbapi.connect(path, autocommit=True)
    cur = conn.cursor()
    open_tx = False

    def reply(*msg):
        pickle.dump(msg, out, protocol=5)
        out.flush()

    try:
        cur.execute("PRAGMA busy_timeout = 20000")
        # The ids written were looked up inside this write transaction (see importer): no
        # per-row foreign-key probes (SQLite's default, said explicitly).
        cur.execute("PRAGMA foreign_keys = OFF")
        cur.execute("PRAGMA cache_size = -131072")  # index builds scan the new rows in memory
        cur.execute("PRAGMA synchronous = NORMAL")  # as the Django connection (settings.py)
        cur.execute("BEGIN IMMEDIATE")
        open_tx = True
        reply("ok", None)
    except Exception as exc:
        reply("err", f"{type(exc).__name__}: {exc}")
        return
    while True:
        try:
            msg = pickle.load(inp)
        except EOFError:
            break
        op, args = msg[0], msg[1:]
        try:
            value = None
            if op == "exec":
                cur.execute(args[0], args[1] or None)
            elif op == "query":
                cur.execute(args[0], args[1] or None)
                value = cur.fetchall()
            elif op == "arrow":
                cur.execute(args[0], args[1] or None)
                value = cur.fetch_arrow_table()
            elif op == "arrow_parts":
                value = read_parts(path, *args)
            elif op == "many":
                if len(args[1]):
                    cur.executemany(args[0], args[1])
            elif op == "ingest":
                if args[1].num_rows:
                    cur.adbc_ingest(args[0], args[1], mode="append")
            elif op == "commit":
                cur.execute("COMMIT")
                open_tx = False
                value = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # peak MB
            elif op == "close":
                reply("ok", None)
                break
            else:
                raise ValueError(f"unknown command {op!r}")
            reply("ok", value)
        except Exception as exc:
            reply("err", f"{type(exc).__name__}: {exc}")
    if open_tx:
        cur.execute("ROLLBACK")
    cur.close()
    conn.close()


if __name__ == "__main__":
    # The protocol owns the real stdout; anything a library prints goes to stderr.
    proto = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    serve(sys.argv[1], sys.stdin.buffer, proto)
