"""Text encodings of legacy GIS files: DBF code pages and Vietnamese TCVN3 (ABC) text.

Shapefile attribute tables (DBF) carry their code page in a ``.cpg`` sidecar or in the DBF header's
language-driver byte (LDID); many Vietnamese files have neither and hold Windows-1258 or TCVN3 bytes.
This module works out what the bytes are, so :mod:`cim.io.vector` can read them as GDAL's
``ISO-8859-1`` (one byte = one character, lossless) and decode them in Python.

GDAL is not asked to decode CP1258 itself: GDAL's iconv route for that stateful code page drops the
last character of every string (``"Nông Trang"`` comes back as ``"Nông Tran"``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# DBF language-driver byte → Python codec (the table GDAL and ArcGIS use; Vietnamese has no LDID)
LDID_CODECS: dict[int, str] = {
    0x01: "cp437", 0x02: "cp850", 0x03: "cp1252", 0x04: "mac_roman", 0x08: "cp865", 0x09: "cp437",
    0x0A: "cp850", 0x0B: "cp437", 0x0D: "cp437", 0x0E: "cp850", 0x0F: "cp437", 0x10: "cp850",
    0x11: "cp437", 0x12: "cp850", 0x13: "cp932", 0x14: "cp850", 0x15: "cp437", 0x16: "cp850",
    0x17: "cp865", 0x18: "cp437", 0x19: "cp437", 0x1A: "cp850", 0x1B: "cp437", 0x1C: "cp863",
    0x1D: "cp850", 0x1F: "cp852", 0x22: "cp852", 0x23: "cp852", 0x24: "cp860", 0x25: "cp850",
    0x26: "cp866", 0x37: "cp850", 0x40: "cp852", 0x4D: "cp936", 0x4E: "cp949", 0x4F: "cp950",
    0x50: "cp874", 0x57: "latin-1", 0x58: "cp1252", 0x59: "cp1252", 0x64: "cp852", 0x65: "cp866",
    0x66: "cp865", 0x67: "cp861", 0x6A: "cp737", 0x6B: "cp857", 0x6C: "cp863", 0x78: "cp950",
    0x79: "cp949", 0x7A: "cp936", 0x7B: "cp932", 0x7C: "cp874", 0x86: "cp737", 0x87: "cp852",
    0x88: "cp857", 0x96: "mac_cyrillic", 0x97: "mac_latin2", 0xC8: "cp1250", 0xC9: "cp1251",
    0xCA: "cp1254", 0xCB: "cp1253", 0xCC: "cp1257",
}

TCVN3 = "tcvn3"   # pseudo-codec name: TCVN 5712:1993 VN3, the ".Vn" fonts of the ABC keyboard

# TCVN3 byte → Unicode letter (lower-case letters with tones; upper case only for the bare letters):
# each row gives bytes (hex) and the letters they stand for, in the same order; the rows of a tone run
# through the vowels a ă â e ê i o ô ơ u ư y
_TCVN3_ROWS = (
    ("a1 a2 a3 a4 a5 a6 a7", "ĂÂÊÔƠƯĐ"),
    ("a8 a9 aa ab ac ad ae", "ăâêôơưđ"),
    ("b5 bb c7 cc d2 d7 df e5 ea ef f5 fa", "àằầèềìòồờùừỳ"),  # grave
    ("b6 bc c8 ce d3 d8 e1 e6 eb f1 f6 fb", "ảẳẩẻểỉỏổởủửỷ"),  # hook above
    ("b7 bd c9 cf d4 dc e2 e7 ec f2 f7 fc", "ãẵẫẽễĩõỗỡũữỹ"),  # tilde
    ("b8 be ca d0 d5 dd e3 e8 ed f3 f8 fd", "áắấéếíóốớúứý"),  # acute
    ("b9 c6 cb d1 d6 de e4 e9 ee f4 f9 fe", "ạặậẹệịọộợụựỵ"),  # dot below
)
_TCVN3_BYTES = {b: u for hexes, letters in _TCVN3_ROWS for b, u in zip(bytes.fromhex(hexes), letters, strict=True)}
TCVN3_TO_UNICODE = str.maketrans({chr(b): u for b, u in _TCVN3_BYTES.items()})
_TCVN3_CHARS = frozenset(chr(b) for b in _TCVN3_BYTES)
# bytes 0xA1–0xBE are symbols in Latin-1/CP1252/CP1258 (¡ § ¬ soft hyphen µ ¸ …) but the commonest
# Vietnamese letters in TCVN3 (ư ơ đ ă â ê ô, a with tones): a symbol inside a word betrays TCVN3
_SIGNATURE = "".join(sorted(chr(b) for b in _TCVN3_BYTES if b <= 0xBE))
_SIGNATURE_ANY = re.compile(f"[{re.escape(_SIGNATURE)}]")
_SIGNATURE_IN_WORD = re.compile(
    f"[A-Za-z\u00a1-\u00fe][{re.escape(_SIGNATURE)}]|[{re.escape(_SIGNATURE)}][A-Za-z]")


def _vietnamese_letters() -> frozenset[str]:
    tones = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
    bases = "a ă â e ê i o ô ơ u ư y".split()
    out = {"đ", "Đ"}
    for b in bases:
        for t in tones:
            ch = unicodedata.normalize("NFC", b + t)
            out.update((ch, ch.upper()))
    return frozenset(out)


VIETNAMESE_LETTERS = _vietnamese_letters()
_PLAUSIBLE_SYMBOLS = frozenset("–—‘’“”…°²³€·\u00a0«»±×")


@dataclass(frozen=True)
class EncodingGuess:
    """What the DBF bytes are: a Python codec name (or ``"tcvn3"``) and why we think so."""

    codec: str | None
    reason: str


def normalize_codec(name: str | None) -> str | None:
    """A ``.cpg`` text or user-given name as a Python codec name (``"1258"`` → ``"cp1258"``)."""
    import codecs

    if not name:
        return None
    text = name.strip().strip("\x00").strip()
    if not text:
        return None
    low = text.lower().replace("_", "-")
    if low in ("tcvn3", "tcvn", "abc", "tcvn-3", "vn3", "tcvn5712"):
        return TCVN3
    digits = re.sub(r"^(ansi|cp|windows|win|oem|ibm|codepage)[\s-]*", "", low)
    aliases = {"65001": "utf-8", "utf8": "utf-8", "88591": "latin-1", "8859-1": "latin-1",
               "iso88591": "latin-1", "iso-88591": "latin-1", "iso 88591": "latin-1", "latin1": "latin-1"}
    for candidate in (aliases.get(low), aliases.get(digits), f"cp{digits}" if digits.isdigit() else None,
                      low, low.replace(" ", "")):
        if not candidate:
            continue
        try:
            return codecs.lookup(candidate).name
        except (LookupError, ValueError):      # ValueError: a NUL byte in a damaged .cpg
            continue
    m = re.fullmatch(r"(?:iso)?[\s-]*8859[\s-]*(\d+)", low)
    if m:
        return normalize_codec(f"iso8859-{m.group(1)}")
    return None


# ---------------------------------------------------------------------------------------- DBF header
@dataclass(frozen=True)
class DbfHeader:
    n_records: int
    header_len: int
    record_len: int
    ldid: int
    fields: tuple[tuple[bytes, str, int, int], ...]   # (raw name, type, offset in record, width)


def read_dbf_header(data: bytes) -> DbfHeader | None:
    """Parse the fixed DBF header; ``None`` when ``data`` is not a dBase III+ table."""
    if len(data) < 33:
        return None
    n = int.from_bytes(data[4:8], "little")
    header_len = int.from_bytes(data[8:10], "little")
    record_len = int.from_bytes(data[10:12], "little")
    if header_len < 33 or record_len < 1:
        return None
    fields = []
    offset = 1                            # byte 0 of each record is the deletion flag
    for pos in range(32, min(header_len, len(data)) - 31, 32):
        if data[pos] == 0x0D:
            break
        name = data[pos:pos + 11].split(b"\x00", 1)[0]
        width = data[pos + 16]
        fields.append((name, chr(data[pos + 11]), offset, width))
        offset += width
    return DbfHeader(n, header_len, record_len, data[29], tuple(fields))


def dbf_text_samples(data: bytes, header: DbfHeader, limit: int = 20000) -> list[bytes]:
    """Non-ASCII byte strings of the DBF: field names and character values (up to ``limit`` records).

    A value that fills its field to the last byte may have been cut inside a character: it ends
    with ``b"\\x00"`` here (DBF text never holds NUL), which :func:`sniff_codec` reads as "may be cut".
    """
    import numpy as np

    out = [name for name, *_ in header.fields if max(name, default=0) >= 0x80]
    start = header.header_len
    n = min(header.n_records, limit, max(0, (len(data) - start) // header.record_len))
    if n == 0:
        return out
    rows = np.frombuffer(data, dtype=np.uint8, count=n * header.record_len, offset=start)
    rows = rows.reshape(n, header.record_len)
    for _, ftype, off, width in header.fields:
        if ftype not in "CM" or width == 0:
            continue
        block = rows[:, off:off + width]
        hit = np.flatnonzero((block >= 0x80).any(axis=1))
        for i in hit:
            raw = block[i].tobytes()
            out.append(raw + b"\x00" if raw[-1] not in (0x20, 0x00) else raw.rstrip(b" \x00"))
    return out


def sniff_codec(samples: Sequence[bytes]) -> EncodingGuess:
    """Guess the code page of undeclared DBF text: UTF-8, then TCVN3, then Windows-1258.

    ``codec`` is ``None`` when none of them reads as Vietnamese (or plain) text.
    """
    if not samples:
        return EncodingGuess("utf-8", "the text is plain ASCII")
    if all(_is_utf8(s) for s in samples):
        return EncodingGuess("utf-8", "the text reads as UTF-8")
    samples = [s.rstrip(b"\x00") for s in samples]
    latin = [s.decode("latin-1") for s in samples]
    if tcvn3_evidence(latin) == "strong":
        return EncodingGuess(TCVN3, "the text looks like TCVN3 (ABC, .VnTime fonts)")
    try:
        decoded = [unicodedata.normalize("NFC", s.decode("cp1258")) for s in samples]
    except UnicodeDecodeError:
        decoded = None
    if decoded is not None and vietnamese_share(decoded) >= 0.9:
        return EncodingGuess("cp1258", "the text reads as Windows-1258 (Vietnamese)")
    return EncodingGuess(None, "the text is neither UTF-8, TCVN3 nor Windows-1258")


def _is_utf8(b: bytes) -> bool:
    """Valid UTF-8; a value marked as filling its field (trailing NUL) may end inside a character."""
    cut = b.endswith(b"\x00")
    b = b.rstrip(b"\x00")
    try:
        b.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        return cut and exc.reason == "unexpected end of data" and exc.start >= len(b) - 3


def vietnamese_share(values: Iterable[str]) -> float:
    """Share of the non-ASCII characters that are Vietnamese letters or common punctuation."""
    total = good = 0
    for v in values:
        for ch in v:
            if ch > "\x7f":
                total += 1
                good += ch in VIETNAMESE_LETTERS or ch in _PLAUSIBLE_SYMBOLS
    return good / total if total else 1.0


def tcvn3_evidence(values: Sequence[str]) -> str:
    """``"strong"``, ``"weak"`` or ``"none"``: how much ``values`` (decoded as Latin-1) look like TCVN3.

    Strong: every non-ASCII character is a TCVN3 letter code, none is beyond U+00FF (real Unicode
    Vietnamese has ư ơ đ ạ … there), and at least 30 % of the non-ASCII values have a symbol of
    U+00A1–U+00BE inside a word (``"§­êng"`` for ``"Đường"``). Weak: some such symbols, no more.
    """
    non_ascii = [v for v in values if not v.isascii()]
    if not non_ascii:
        return "none"
    joined = "\x00".join(non_ascii)
    if not _SIGNATURE_ANY.search(joined):
        return "none"
    if max(joined) > "\xff":
        return "none"
    in_word = sum(1 for v in non_ascii if _SIGNATURE_IN_WORD.search(v))
    if in_word == 0:
        return "none"
    all_codes = all(ch in _TCVN3_CHARS for ch in joined if ch > "\x7f")
    if all_codes and in_word >= 0.3 * len(non_ascii):
        return "strong"
    return "weak"


def tcvn3_to_unicode(text: str) -> str:
    """Convert TCVN3 text read as Latin-1/CP1252 characters to Unicode (NFC)."""
    return text.translate(TCVN3_TO_UNICODE)


def decode_latin1_text(text: str, codec: str) -> str:
    """Re-read text that GDAL decoded as ISO-8859-1 in ``codec``; NFC so CP1258 tone marks compose."""
    if codec == TCVN3:
        return tcvn3_to_unicode(text)
    return unicodedata.normalize("NFC", text.encode("latin-1").decode(codec))


# ------------------------------------------------------------------------------ data-frame columns
def text_columns(df) -> list:
    """Names of the string columns of a (Geo)DataFrame."""
    from pandas.api.types import is_object_dtype, is_string_dtype

    geom = getattr(df, "_geometry_column_name", None)
    return [c for c in df.columns if c != geom and (is_string_dtype(df[c].dtype) or is_object_dtype(df[c].dtype))]


def map_text_column(series, fn):
    """Apply ``fn`` to each distinct string of ``series`` once (nulls and non-strings pass through)."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    if len(uniques) == 0:
        return series
    mapped = np.array([fn(u) if isinstance(u, str) else u for u in uniques] + [None], dtype=object)
    return pd.Series(mapped[codes], index=series.index, name=series.name, dtype=series.dtype)


def recode_frame(df, codec: str):
    """Re-read every string column and column name of ``df`` (read as ISO-8859-1) in ``codec``."""
    for c in text_columns(df):
        df[c] = map_text_column(df[c], lambda s: decode_latin1_text(s, codec))
    renames = {c: decode_latin1_text(c, codec) for c in df.columns if isinstance(c, str) and not c.isascii()}
    return df.rename(columns=renames) if renames else df


def sample_strings(series, limit: int = 1000) -> list[str]:
    """Up to ``limit`` non-null strings spread evenly over ``series``."""
    import numpy as np

    n = len(series)
    idx = np.unique(np.linspace(0, n - 1, num=min(n, limit)).astype(np.int64)) if n else np.empty(0, int)
    return [v for v in series.iloc[idx].tolist() if isinstance(v, str)]


def fix_tcvn3_columns(df, limit: int = 1000):
    """Convert the string columns that are clearly TCVN3 to Unicode.

    Returns ``(df, converted, suspicious)``: the names converted, and those with only weak signs of
    TCVN3, left as they are for the user to judge.
    """
    converted, suspicious = [], []
    for c in text_columns(df):
        evidence = tcvn3_evidence(sample_strings(df[c], limit))
        if evidence == "strong":
            df[c] = map_text_column(df[c], tcvn3_to_unicode)
            converted.append(c)
        elif evidence == "weak":
            suspicious.append(c)
    return df, converted, suspicious


def dxf_needs_utf8(head: bytes) -> bool:
    """True when a pre-2007 DXF (which GDAL decodes by ``$DWGCODEPAGE``) really holds UTF-8 text.

    GDAL itself writes such files: UTF-8 strings under an ``ANSI_1252`` header.
    """
    m = re.search(rb"\$ACADVER\s*\r?\n\s*1\s*\r?\n\s*AC(\d{4})", head[:65536])
    if m and int(m.group(1)) >= 1021:     # AutoCAD 2007+ DXF is UTF-8 by definition; GDAL knows
        return False
    if head.isascii():
        return False
    cut = head[: max(0, len(head) - 4)]
    try:
        cut.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.reason == "unexpected end of data"
    return True
