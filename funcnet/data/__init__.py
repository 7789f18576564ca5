"""Data sets: the catalogue, generators and CSV uploads (no Keras, no Streamlit)."""
