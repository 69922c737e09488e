"""``python -m helpers ...``: the kit's command line (see ``helpers.cli``)."""
from .cli import main

raise SystemExit(main())
