"""From a path the user chose to something GDAL can open, with clear errors on the way.

Checks that need no GDAL come first (missing file, folder, empty file, truncated GeoPackage), so
the user reads "the file is empty" rather than GDAL's "not recognized as a supported file format".
Zip archives are read in place through ``/vsizip/`` when they hold exactly one dataset; member
names are checked before they reach GDAL.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from cim.errors import CimInputError

# suffix → (GDAL driver, name shown to users)
VECTOR_FORMATS: dict[str, tuple[str, str]] = {
    ".gpkg": ("GPKG", "GeoPackage"),
    ".shp": ("ESRI Shapefile", "Shapefile"),
    ".geojson": ("GeoJSON", "GeoJSON"),
    ".json": ("GeoJSON", "GeoJSON"),
    ".fgb": ("FlatGeobuf", "FlatGeobuf"),
    ".kml": ("KML", "KML"),
    ".kmz": ("LIBKML", "KML"),
    ".dxf": ("DXF", "DXF"),
}
RASTER_SUFFIXES = (".tif", ".tiff")
FORMAT_NAMES = {"GPKG": "GeoPackage", "ESRI Shapefile": "Shapefile", "GeoJSON": "GeoJSON",
                "GeoJSONSeq": "GeoJSON", "FlatGeobuf": "FlatGeobuf", "KML": "KML", "LIBKML": "KML",
                "DXF": "DXF"}
SUPPORTED_TEXT = "GeoPackage (.gpkg), Shapefile (.shp), GeoJSON, FlatGeobuf (.fgb), KML, DXF, or a .zip of one"


@dataclass
class Source:
    """A dataset ready for GDAL: ``gdal_path`` may point inside a zip archive."""

    path: Path                      # what the user chose
    gdal_path: str
    suffix: str                     # lower-case suffix of the dataset itself (inside the zip if any)
    member: str | None = None       # path inside the zip archive
    warnings: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return PurePosixPath(self.member).name if self.member else self.path.name

    def sidecar(self, suffix: str) -> str | None:
        """The name of a sibling file (``.shx``, ``.DBF`` …) if it exists, else ``None``."""
        stem = self.name[: -len(self.suffix)] if self.suffix else self.name
        wanted = {stem + suffix.lower(), stem + suffix.upper()}
        if self.member is None:
            for cand in sorted(wanted):
                if (self.path.parent / cand).is_file():
                    return cand
            return None
        parent = PurePosixPath(self.member).parent
        with zipfile.ZipFile(self.path) as zf:
            names = set(zf.namelist())
        for cand in sorted(wanted):
            full = str(parent / cand) if str(parent) != "." else cand
            if full in names:
                return cand
        return None

    def read_sidecar(self, suffix: str, limit: int = -1) -> bytes | None:
        name = self.sidecar(suffix)
        if name is None:
            return None
        if self.member is None:
            with open(self.path.parent / name, "rb") as f:
                return f.read(limit)
        parent = PurePosixPath(self.member).parent
        full = str(parent / name) if str(parent) != "." else name
        with zipfile.ZipFile(self.path) as zf, zf.open(full) as f:
            return f.read(limit)


def resolve_source(path, *, raster: bool = False) -> Source:
    """Check ``path`` and say how GDAL should open it; raises :class:`CimInputError`."""
    p = Path(path).expanduser()
    if not p.exists():
        hint = "check the path and the file name"
        if p.parent.is_dir():
            near = sorted(x.name for x in p.parent.iterdir() if x.suffix.lower() == p.suffix.lower())[:5]
            if near:
                hint += f"; files of that type in the folder: {', '.join(near)}"
        raise CimInputError(p, "the file does not exist / tệp không tồn tại", hint=hint)
    if p.is_dir():
        wanted = RASTER_SUFFIXES if raster else tuple(VECTOR_FORMATS) + (".zip",)
        inside = sorted(x.name for x in p.iterdir() if x.suffix.lower() in wanted)[:8]
        hint = f"choose one of the files in it: {', '.join(inside)}" if inside else "choose a file, not a folder"
        raise CimInputError(p, "this is a folder, not a file / đây là thư mục, không phải tệp", hint=hint)
    size = p.stat().st_size
    if size == 0:
        raise CimInputError(p, "the file is empty (0 bytes) / tệp rỗng",
                            hint="copy it again from its source; the copy or download did not finish")
    suffix = p.suffix.lower()
    if suffix == ".zip":
        return _zip_source(p, raster=raster)
    if suffix == ".gpkg":
        check_sqlite(p, size)
    return Source(p, str(p), suffix)


def check_sqlite(p: Path, size: int) -> None:
    """Catch truncated or foreign GeoPackages from the SQLite header before GDAL reads pages."""
    with open(p, "rb") as f:
        head = f.read(100)
    if not head.startswith(b"SQLite format 3\x00"):
        raise CimInputError(p, "this is not a GeoPackage: the file is not an SQLite database",
                            hint="check that the file really is a .gpkg (it may be another format renamed)")
    if len(head) < 100:
        raise CimInputError(p, "the GeoPackage is truncated (its header is incomplete)",
                            hint="copy it again from its source or restore it from a backup")
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    counter_ok = head[24:28] == head[92:96]   # the in-header page count is trusted only then
    if counter_ok and pages and page_size * pages > size:
        raise CimInputError(p, f"the GeoPackage is truncated: {size:,} of {page_size * pages:,} bytes",
                            hint="copy it again from its source or restore it from a backup; "
                                 "the copy or download did not finish")


def safe_member(name: str) -> bool:
    """A zip member name that cannot escape the archive or smuggle a GDAL path prefix."""
    if not name or len(name) > 1024 or "\\" in name or name.startswith("/"):
        return False
    if any(ord(c) < 32 for c in name) or (len(name) > 1 and name[1] == ":"):
        return False
    parts = PurePosixPath(name).parts
    return ".." not in parts and not any(part.lower().startswith("vsi") for part in parts[:1])


def _zip_source(p: Path, *, raster: bool) -> Source:
    try:
        with zipfile.ZipFile(p) as zf:
            names = [i.filename for i in zf.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError) as exc:
        raise CimInputError(p, f"the zip archive cannot be opened ({exc})",
                            hint="copy it again; the archive is damaged or incomplete") from exc
    unsafe = [n for n in names if not safe_member(n)]
    names = [n for n in names if safe_member(n) and not n.startswith("__MACOSX/")
             and not PurePosixPath(n).name.startswith("._")]
    wanted = RASTER_SUFFIXES if raster else tuple(VECTOR_FORMATS)
    datasets = [n for n in names if PurePosixPath(n).suffix.lower() in wanted]
    warnings = []
    if unsafe:
        warnings.append(f"ignored {len(unsafe)} zip entr{'y' if len(unsafe) == 1 else 'ies'} with unsafe "
                        f"names (absolute paths or '..'): {', '.join(unsafe[:3])}")
    if not datasets:
        shown = ", ".join(names[:6]) or "nothing"
        raise CimInputError(p, "the zip archive holds no GIS dataset / tệp zip không chứa dữ liệu GIS",
                            hint=f"it contains {shown}; zip a .shp (with .shx, .dbf, .prj) or a .gpkg")
    if len(datasets) > 1:
        raise CimInputError(p, f"the zip archive holds {len(datasets)} datasets: {', '.join(datasets[:8])}",
                            hint="extract it and open the one you want, or zip each dataset on its own")
    member = datasets[0]
    gdal_path = f"/vsizip/{p.resolve().as_posix()}/{member}"
    return Source(p, gdal_path, PurePosixPath(member).suffix.lower(), member=member, warnings=warnings)
