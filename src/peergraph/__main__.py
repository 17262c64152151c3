"""``python -m peergraph``: the same as the ``peergraph`` command."""

from peergraph.cli import main

raise SystemExit(main())
