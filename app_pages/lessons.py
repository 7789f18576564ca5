"""Lessons: the notebook's seven steps, and why random labels cannot be learned."""

from funcnet.ui import lessons_page

lessons_page.render()
