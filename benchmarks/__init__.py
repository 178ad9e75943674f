"""Benchmarks: every figure is reported beside a baseline measured in the same run.

Run with ``python -m benchmarks [--json] [--quick]``.
"""
