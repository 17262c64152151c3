"""Write the HTML reference documentation of the ontology and the shapes into docs/reference/.

    python scripts/gen_reference_docs.py          # write docs/reference/*.html
    python scripts/gen_reference_docs.py --check  # exit 1 if docs/reference/ is out of date

The pages come from peergraph.publish.reference_docs, the same as `peergraph export` puts into
a release; rerun this after changing the ontology, the data's sources or the shapes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "reference"

try:
    from peergraph.publish.reference_docs import release_pages
except ImportError:  # a plain checkout: use the source tree
    sys.path.insert(0, str(ROOT / "src"))
    from peergraph.publish.reference_docs import release_pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if docs/reference is stale")
    args = parser.parse_args(argv)
    pages = release_pages()
    if args.check:
        stale = [
            name
            for name, text in pages.items()
            if not (TARGET / name).is_file() or (TARGET / name).read_text(encoding="utf-8") != text
        ]
        for name in stale:
            print(f"docs/reference/{name} is out of date: run python scripts/gen_reference_docs.py")
        return 1 if stale else 0
    TARGET.mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        path = TARGET / name
        temporary = path.with_name(f".{name}.tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)  # whole or not at all
        print(f"wrote docs/reference/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
