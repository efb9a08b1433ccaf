"""``python -m dyads``: the same as the ``dyads`` command."""

from .cli import main

main()
