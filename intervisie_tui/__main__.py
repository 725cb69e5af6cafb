"""`python -m intervisie_tui`: the same as the `intervisie` command."""

from .cli import main

raise SystemExit(main())
