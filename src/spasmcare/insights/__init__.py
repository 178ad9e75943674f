"""Insights: what the diary shows, with one plain sentence per finding, and its charts.

``model`` (what each insight holds), ``analysis`` (the numbers only, no database or plotting),
``wording`` (the sentences, and ``describe``: the numbers with their sentences), ``stats`` (the
formulas), ``serial`` (JSON), ``charts`` and ``body_map`` (matplotlib figures). Importing the
package imports none of them.
"""
