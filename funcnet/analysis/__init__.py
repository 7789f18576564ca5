"""Compute and draw: scikit-learn metrics and plotly figures (no Keras, no Streamlit)."""
