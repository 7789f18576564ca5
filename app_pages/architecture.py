"""Architecture: edit the model graph node by node, see it drawn, export it as code."""

from funcnet.ui import architecture_page

architecture_page.render()
