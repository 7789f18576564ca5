"""Finished trainings kept on disk and compared (no Keras, no Streamlit)."""
