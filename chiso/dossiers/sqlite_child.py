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
