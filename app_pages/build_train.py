"""Build & Train: pick data, shape the network, train it live."""

from funcnet.ui import build_page

build_page.render()
