"""Arabic quote attribution service: who said what in Arabic news."""
