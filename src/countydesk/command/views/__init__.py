"""The command app's pages, one module per concept."""
