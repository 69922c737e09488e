"""Browser tests (a package, so its conftest does not shadow the one in tests/)."""
