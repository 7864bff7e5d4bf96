"""The performance benchmark: ``python -m tests.bench`` (see docs/performance.md).

It writes synthetic corpora in the real note format, builds each with the refsite hook and, beside
it, the same pages as plain Markdown with no hook, and prints one table per corpus size.
"""
