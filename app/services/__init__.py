"""Business logic: keyword-only functions over a Session. They flush, never commit."""
