"""Compare: every finished training of this browser (or class board), side by side."""

from funcnet.ui import compare_runs_page

compare_runs_page.render()
