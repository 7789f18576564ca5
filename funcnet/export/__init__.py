"""A setup leaving funcnet: Keras script, share links, HTML report (pure)."""
