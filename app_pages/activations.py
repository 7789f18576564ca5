"""Activations: the comparison table, the curves, and a comparison on your network."""

from funcnet.ui import activations_page

activations_page.render()
