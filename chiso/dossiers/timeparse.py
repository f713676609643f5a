"""Vectorised parsing of date-times into local wall-clock seconds since 1970 (int64, NA = missing).

Fast paths for the portal's compact form `yyyyMMddHHmmss` and ISO `yyyy-mm-dd[ HH:MM[:SS]]`;
anything else (dd/mm/yyyy hh:mm …) goes through `chiso.lib.tabular.parse_datetime` one value
at a time. No Django import here.

Every parser takes a list of strings or an Arrow string array (the importer's fast CSV path). For
an Arrow array a C++ kernel handles the common case (all ISO / all digits); anything it rejects
falls back to the list path, so the Arrow path never accepts what the list path would refuse.
"""

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from chiso.lib.tabular import parse_datetime

NA = np.iinfo(np.int64).min
_EPOCH = np.datetime64("1970-01-01T00:00:00", "s")


def _compact(v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    y = v // 10**10
    mo = v // 10**8 % 100
    d = v // 10**6 % 100
    hh = v // 10**4 % 100
    mi = v // 100 % 100
    ss = v % 100
    ok = (y >= 1900) & (y <= 2200) & (mo >= 1) & (mo <= 12) & (d >= 1) & (hh < 24) & (mi < 60) & (ss < 60)
    months = np.where(ok, (y - 1970) * 12 + (mo - 1), 0)
    start = months.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    nxt = (months + 1).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    days = start + d - 1
    ok &= days < nxt
    return days * 86400 + hh * 3600 + mi * 60 + ss, ok


def _arrow_nonempty(values, trim: bool = False) -> tuple[pa.Array, np.ndarray]:
    """(values — trimmed if asked — with "" turned into null, boolean array of empty positions).
    Callers try untrimmed first: trimming a million values costs more than the parse itself."""
    a = values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values
    if trim:
        a = pc.utf8_trim_whitespace(a)
    empty = pc.equal(pc.binary_length(a), 0)
    if pc.any(empty).as_py():
        a = pc.if_else(empty, pa.scalar(None, pa.string()), a)
    return a, empty.to_numpy(zero_copy_only=False)


def _arrow_cast(values, typ, trim: bool) -> tuple[np.ndarray, np.ndarray] | None:
    """(values as int64 with NA where empty, empty mask), or None when some value does not cast."""
    a, empty = _arrow_nonempty(values, trim)
    try:
        v = pc.cast(a, typ)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if typ != pa.int64():
        v = v.cast(pa.int64())
    return v.fill_null(NA).to_numpy(), empty


def _compact_digits(values) -> tuple[np.ndarray, np.ndarray] | None:
    """The portal's yyyyMMddHHmmss when every non-empty value is 14 digits, else None."""
    a, empty = _arrow_nonempty(values, trim=True)
    ok14 = pc.match_substring_regex(a, r"^\d{14}$")
    if pc.any(pc.invert(ok14.fill_null(True))).as_py():
        return None
    v = pc.cast(a, pa.int64()).fill_null(0).to_numpy()
    secs, ok = _compact(v)
    out = np.where(empty, NA, secs)
    return out, ~ok & ~empty


def parse_times(values) -> tuple[np.ndarray, np.ndarray]:
    """(seconds array with NA for empty, boolean array of unparseable positions)."""
    if isinstance(values, pa.Array | pa.ChunkedArray):
        ts = pa.timestamp("s")
        r = _arrow_cast(values, ts, trim=False) or _arrow_cast(values, ts, trim=True)
        if r is not None:
            return r[0], np.zeros(len(r[0]), dtype=bool)
        r = _compact_digits(values)
        if r is not None:
            return r
        values = values.to_pylist()
    a = np.asarray(values, dtype=str)
    s = np.strings.strip(a)
    # numpy reads "20250228080000" as a year and "2025" as a date: only full ISO dates go its way
    if bool(((s == "") | ((np.strings.str_len(s) >= 10) & (np.strings.slice(s, 4, 5) == "-"))).all()):
        try:  # fast path: every value ISO (or empty), parsed by numpy in C
            v = np.array(s, dtype="datetime64[s]")
            out = (v - _EPOCH).astype(np.int64)
            out[np.isnat(v)] = NA
            return out, np.zeros(len(out), dtype=bool)
        except (ValueError, TypeError):
            pass
    n = len(a)
    out = np.full(n, NA, dtype=np.int64)
    bad = np.zeros(n, dtype=bool)
    if n == 0:
        return out, bad
    a = np.strings.strip(a)
    todo = a != ""
    lens = np.strings.str_len(a)
    compact = todo & (lens == 14) & np.strings.isdigit(a)
    if compact.any():
        secs, ok = _compact(a[compact].astype(np.int64))
        idx = np.flatnonzero(compact)
        out[idx[ok]] = secs[ok]
        bad[idx[~ok]] = True
        todo &= ~compact
    iso = todo & np.isin(lens, (10, 16, 19)) & (np.strings.slice(a, 4, 5) == "-")
    if iso.any():
        idx = np.flatnonzero(iso)
        try:
            vals = a[idx].astype("datetime64[s]")
            out[idx] = (vals - _EPOCH).astype(np.int64)
            todo &= ~iso
        except ValueError:
            pass  # mixed/invalid: fall through to the slow path for these
    for i in np.flatnonzero(todo):
        try:
            d = parse_datetime(str(a[i]))
        except ValueError:
            bad[i] = True
            continue
        out[i] = int((np.datetime64(d, "s") - _EPOCH).astype(np.int64))
    return out, bad


def parse_ints(values, default: int = 0) -> tuple[np.ndarray, np.ndarray]:
    if isinstance(values, pa.Array | pa.ChunkedArray):
        for trim in (False, True):
            a, empty = _arrow_nonempty(values, trim)
            # plain digits only (no sign): the list path refuses signs, and a cast would accept them
            digits = pc.match_substring_regex(a, r"^\d{1,18}$").fill_null(True)
            if pc.all(digits).as_py():
                out = pc.cast(a, pa.int64()).fill_null(default).to_numpy()
                return out, np.zeros(len(out), dtype=bool)
        values = values.to_pylist()
    try:  # fast path: no empty cell, plain digits
        out = np.asarray(values, dtype=str).astype(np.int64)
        return out, out < 0
    except (ValueError, OverflowError):
        pass
    a = np.strings.strip(np.asarray(values, dtype=str))
    empty = a == ""
    # ASCII digits only: "²" or "٣" pass isdigit() but are not numbers int() reads alike
    ok = np.fromiter((v.isascii() and v.isdigit() for v in a.tolist()), dtype=bool, count=len(a)) | empty
    out = np.full(len(a), default, dtype=np.int64)
    good = ok & ~empty
    if good.any():
        # Long digit strings cannot overflow: clip to 18 digits.
        out[good] = np.strings.slice(a[good], 0, 18).astype(np.int64)
    return out, ~ok


def parse_flags(values) -> tuple[np.ndarray, np.ndarray]:
    """1/0, true/false, có/không → bool; empty → False."""
    if isinstance(values, pa.Array | pa.ChunkedArray):
        for trim in (False, True):
            a, empty = _arrow_nonempty(values, trim)
            if not len(a) or pc.all(pc.is_in(a, pa.array(["0", "1"])).fill_null(True)).as_py():
                flags = pc.equal(a, "1").fill_null(False).to_numpy(zero_copy_only=False)
                return flags, np.zeros(len(a), dtype=bool)
        values = values.to_pylist()
    try:  # fast path: 0/1 digits only
        v = np.asarray(values, dtype=str).astype(np.int64)
        if ((v == 0) | (v == 1)).all():
            return v == 1, np.zeros(len(v), dtype=bool)
    except (ValueError, OverflowError):
        pass
    a = np.strings.lower(np.strings.strip(np.asarray(values, dtype=str)))
    yes = np.isin(a, ("1", "true", "x", "co", "có", "yes", "2"))
    no = np.isin(a, ("0", "false", "", "khong", "không", "no"))
    return yes, ~(yes | no)


def to_datetime64(secs: np.ndarray) -> np.ndarray:
    """NA → NaT."""
    out = secs.astype("datetime64[s]")
    out[secs == NA] = np.datetime64("NaT")
    return out


def from_datetime64(values: np.ndarray) -> np.ndarray:
    v = values.astype("datetime64[s]")
    out = (v - _EPOCH).astype(np.int64)
    out[np.isnat(v)] = NA
    return out
