"""Activations: the comparison table, the curves, and a comparison on your network."""

from funcnet.ui.pages import activations as activations_page

activations_page.render()
