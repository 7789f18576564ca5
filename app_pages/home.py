"""Home: what funcnet is, and one click to the notebook's network."""

from funcnet.ui.pages import home as home_page

home_page.render()
