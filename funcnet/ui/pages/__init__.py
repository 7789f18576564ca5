"""One module per page body; `app_pages/` scripts call their `render()`."""
