"""Teacher links and the notebook's lesson (pure)."""
