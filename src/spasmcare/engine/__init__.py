"""The assessment engine: pure functions from a case and the knowledge base to a result."""
