"""The test suite (a regular package: textstat wheels install a top-level `tests` package into site-packages,
which would otherwise shadow this folder for `from tests.conftest import ...`)."""
