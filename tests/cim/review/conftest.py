import pytest

from cim.project import LayerRecord, Project
from cim.project.edits import AddLayer
from cim.testing import make_plots


@pytest.fixture
def project() -> Project:
    p = Project(crs="EPSG:9208")
    p.push(AddLayer(p, LayerRecord("Lô đất", "vector", make_plots(), crs="EPSG:9208", object_kind="plot")))
    p.undo_stack.clear()
    return p


@pytest.fixture
def png() -> bytes:
    import struct
    import zlib

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    raw = b"".join(b"\x00" + bytes([200, 30, 30]) * 4 for _ in range(4))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
