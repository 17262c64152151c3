"""``python -m peergraph.cli``: the command line."""

from peergraph.cli import main

raise SystemExit(main())
