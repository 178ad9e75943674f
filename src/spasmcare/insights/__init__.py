"""Insights: what the diary shows, with one plain sentence per finding, and its charts.

``analysis`` (pure numbers, no database or plotting), ``wording`` (the sentences), ``stats``
(the formulas), ``serial`` (JSON), ``charts`` and ``body_map`` (matplotlib figures).
"""
