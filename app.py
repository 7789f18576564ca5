"""funcnet's Streamlit entry point: `streamlit run app.py`.

Everything sits under the `__main__` guard: the training pool's worker
processes are spawned, and a spawned process may import this file as
`__mp_main__` — it must then do nothing (no second pool, no interface).
"""

if __name__ == "__main__":
    from funcnet.ui.shell import main

    main()
