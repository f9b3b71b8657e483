"""``python -m validator``: the same as ``casefile-validate``."""

from validator.command.entry import main

if __name__ == "__main__":
    main()
