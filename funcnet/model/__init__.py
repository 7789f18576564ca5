"""The model graph and its vocabularies: pure Python, no Keras, no Streamlit."""
