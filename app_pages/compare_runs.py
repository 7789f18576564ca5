"""Compare: every finished training of this browser (or class board), side by side."""

from funcnet.ui.pages import compare_runs as compare_runs_page

compare_runs_page.render()
