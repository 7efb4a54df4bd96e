"""HTTP edge: routers validate, call services, and commit."""
