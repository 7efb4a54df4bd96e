"""What the HTML pages draw, as pure functions: highlighted article text and the quote timeline."""
