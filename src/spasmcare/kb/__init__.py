"""The knowledge base: typed entries, the rule language, loading and cross-checks."""
