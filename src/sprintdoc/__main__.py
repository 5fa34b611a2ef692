"""`python -m sprintdoc`: the same as the `sprintdoc` command."""

from sprintdoc.cli import main

raise SystemExit(main())
