"""The lessons of the Lessons page (`funcnet.ui.pages.lessons`), one module each."""
