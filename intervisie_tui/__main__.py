"""`python -m intervisie_tui`: the same as the `intervisie` command."""

from .cli_search import main

raise SystemExit(main())
