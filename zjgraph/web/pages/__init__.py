"""The read-only pages, one module each; every module has ``routes``, a list of Starlette routes."""
