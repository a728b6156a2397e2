"""Generate the synthetic sample district: ``python -m sample_data.generate [--out DIR]``.

Deterministic: fixed seeds, fixed timestamps; two runs give the same files. See
``sample_data/README.md`` for what is in the district and which defects it carries on purpose.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DEFAULT_OUT = Path(__file__).resolve().parent / "district"


def generate(out: str | Path = DEFAULT_OUT) -> dict:
    """Build the district and write it into ``out``; return the layers (GeoDataFrames by name)."""
    from sample_data.gen.defects import apply_defects
    from sample_data.gen.district import build_district
    from sample_data.gen.frames import to_layers
    from sample_data.gen.output import write_all

    d = build_district()
    layers, _ = to_layers(d)
    defects, overrides = apply_defects(layers, d)
    write_all(layers, d, defects, overrides, Path(out))
    return layers


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m sample_data.generate", description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output directory (default: {DEFAULT_OUT})")
    args = p.parse_args(argv)
    layers = generate(args.out)
    n = sum(len(v) for v in layers.values())
    print(f"wrote {len(layers)} layers, {n} features, DEM, IFC, plan.json, defects.json into {args.out}")
    if args.out.resolve() == DEFAULT_OUT:
        from sample_data.project import build_sample_project

        print(f"rebuilt the sample project {build_sample_project()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
