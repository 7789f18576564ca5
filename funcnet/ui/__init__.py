"""The Streamlit dashboard: pages' helpers, session state and texts.

Only this package, `app.py` and `pages/` import Streamlit; none of it
imports TensorFlow or Keras (training runs in `funcnet.train.pool` workers).
"""
