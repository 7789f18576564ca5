"""Build & Train: pick data, shape the network, train it live."""

from funcnet.ui.pages import build_train as build_page

build_page.render()
