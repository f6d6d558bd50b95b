"""Pure logic over saved results: flat rows, compare, diff, budgets, trend, merge.

Nothing here opens a browser; everything works on journey JSON dicts, so stored runs and fresh
runs are treated the same (see docs/internals.md).
"""
