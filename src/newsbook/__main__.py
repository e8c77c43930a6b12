"""``python -m newsbook`` is the same as the ``newsbook`` command."""

from newsbook.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
