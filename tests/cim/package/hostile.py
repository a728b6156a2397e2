"""A generator of hostile archives, each wrapped around a real package's entries."""

import zipfile
from pathlib import Path


def _copy(src: Path, zout: zipfile.ZipFile) -> None:
    with zipfile.ZipFile(src) as zin:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info))


def zip_slip(src, dst):
    with zipfile.ZipFile(dst, "w") as z:
        _copy(src, z)
        z.writestr("../../outside_evil.txt", b"pwned")


def absolute_path(src, dst):
    with zipfile.ZipFile(dst, "w") as z:
        _copy(src, z)
        z.writestr(zipfile.ZipInfo("/tmp/absolute_evil.txt"), b"pwned")


def windows_path(src, dst):
    with zipfile.ZipFile(dst, "w") as z:
        _copy(src, z)
        z.writestr("..\\..\\windows_evil.txt", b"pwned")


def drive_path(src, dst):
    with zipfile.ZipFile(dst, "w") as z:
        _copy(src, z)
        z.writestr("C:/evil.txt", b"pwned")


def symlink(src, dst):
    with zipfile.ZipFile(dst, "w") as z:
        _copy(src, z)
        info = zipfile.ZipInfo("project/link")
        info.create_system = 3
        info.external_attr = 0o120777 << 16
        z.writestr(info, "/etc/passwd")


def zip_bomb(src, dst):
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        _copy(src, z)
        z.writestr("tod/zeros.bin", bytes(64 * 2**20))


def duplicate_names(src, dst):
    with zipfile.ZipFile(dst, "w") as z:
        _copy(src, z)
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            z.writestr("manifest.json", b"{}")


def case_duplicates(src, dst):
    with zipfile.ZipFile(dst, "w") as z:
        _copy(src, z)
        z.writestr("MANIFEST.json", b"{}")


def encrypted_entry(src, dst):
    """zipfile never writes the encryption flag, so set it in the local and the central header."""
    with zipfile.ZipFile(dst, "w") as z:
        _copy(src, z)
        z.writestr("tod/secret.bin", b"not really encrypted")
    data = bytearray(Path(dst).read_bytes())
    name = b"tod/secret.bin"
    local = data.rindex(name, 0, data.rindex(name))
    central = data.rindex(name)
    data[local - 30 + 6] |= 0x1
    data[central - 46 + 8] |= 0x1
    Path(dst).write_bytes(bytes(data))


def unexpected_file(src, dst):
    with zipfile.ZipFile(dst, "w") as z:
        _copy(src, z)
        z.writestr("tod/extra.exe", b"MZ")


def control_characters(src, dst):
    with zipfile.ZipFile(dst, "w") as z:
        _copy(src, z)
        z.writestr("tod/a\x01b.txt", b"x")


def not_a_zip(src, dst):
    Path(dst).write_bytes(b"PK\x03\x04 this is not really a zip")


HOSTILE = {f.__name__: f for f in (zip_slip, absolute_path, windows_path, drive_path, symlink, zip_bomb,
                                   duplicate_names, case_duplicates, encrypted_entry, unexpected_file,
                                   control_characters, not_a_zip)}
