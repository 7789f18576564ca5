"""Architecture: edit the model graph node by node, see it drawn, export it as code."""

from funcnet.ui.pages import architecture as architecture_page

architecture_page.render()
